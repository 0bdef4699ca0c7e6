import { readFileSync } from 'node:fs'

declare const __STEADYSTATE_VERSION__: string | undefined

/** Injected by the bundler; read from package.json when running from sources (tests). */
export const VERSION: string =
  typeof __STEADYSTATE_VERSION__ === 'string'
    ? __STEADYSTATE_VERSION__
    : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
        .version
