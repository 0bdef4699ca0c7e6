// Builds every package's dist/ with esbuild. The CLI is one bundled ESM file (plus lazily loaded
// chunks, e.g. the Kubernetes driver), because start-up time is most of a short run's wall time.
import { build } from 'esbuild'
import { readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const version = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).version

// Bundled CommonJS dependencies may call require(); ESM output needs one.
const requireShim =
  "import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);"

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  conditions: ['steadystate-source'],
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  banner: { js: requireShim },
  define: { __STEADYSTATE_VERSION__: JSON.stringify(version) },
}

const started = Date.now()
for (const pkg of ['model', 'core']) {
  rmSync(join(root, `packages/${pkg}/dist`), { recursive: true, force: true })
  await build({
    ...common,
    entryPoints: [join(root, `packages/${pkg}/src/index.ts`)],
    outfile: join(root, `packages/${pkg}/dist/index.js`),
  })
}
rmSync(join(root, 'packages/cli/dist'), { recursive: true, force: true })
await build({
  ...common,
  entryPoints: { cli: join(root, 'packages/cli/src/cli.ts') },
  outdir: join(root, 'packages/cli/dist'),
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
})
process.stdout.write(`built steadystate ${version} in ${Date.now() - started} ms\n`)
