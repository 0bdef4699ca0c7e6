import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The report package's own fixtures (seed on Kubernetes, unredacted chaos journal, i18n). */
export const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url))

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown
}

export function fixture(name: string): unknown {
  return readJson(join(FIXTURES, `${name}.json`))
}

export { conformanceJournals } from '../../../test/support/conformance-journals.ts'
