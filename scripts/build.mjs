// Builds every package's dist/ with esbuild.
//
// The CLI is bundled: every workspace package and dependency but the report's fonts in one set of
// ESM files, because start-up time is most of a short run's wall time. Two entries share its chunks:
// dist/cli.js, the command (bin/steadystate.js loads it), and dist/index.js, the library adapters
// import (`runJob`, `rollbackJob`, `journalFacts`, …), which runs nothing when imported.
//
// Every other workspace package gets one file per `default` target of its exports map, built from
// the `steadystate-source` file beside it, its dependencies left as imports: plain Node (a benchmark,
// `node -e "import('@steadystate/core')"`) loads the same code the CLI bundles, one copy of each
// package (so `instanceof SteadystateError` holds across them). The workspace itself (tsc, vitest,
// esbuild) reads the TypeScript sources through the `steadystate-source` condition and needs no build.
import { build } from 'esbuild'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { reportDependencies } from './report-bundling.mjs'

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
  // The Python bridge's worker (worker.py) is bundled as text: no file to find at run time.
  loader: { '.py': 'text' },
  define: { __STEADYSTATE_VERSION__: JSON.stringify(version) },
  // pdfkit and chart.js (drawing on the report's own vector canvas: no native binary) are bundled
  // into the report chunks, which the CLI loads only for `report` and `run --report` (faster than
  // from node_modules); pdfkit's data files are never read: the report embeds its own fonts (no
  // standard-font metrics, no PDF/A profile). Only the fonts stay runtime dependencies.
  // Node's built-in punycode is deprecated (a warning on Node 22+); client-node's URL polyfill still
  // requires it, so the bundle gets the userland package of the same code instead.
  alias: { punycode: 'punycode/punycode.js' },
  // The Brotli decoder (WOFF2 only) stubbed, tiny-inflate replaced by zlib: scripts/report-bundling.mjs.
  plugins: [reportDependencies()],
}

/** `{ name in dist/: source }` for every export of packages/<pkg> with a source and a built target. */
function builtEntries(pkg) {
  const manifest = JSON.parse(readFileSync(join(root, `packages/${pkg}/package.json`), 'utf8'))
  const entries = {}
  for (const target of Object.values(manifest.exports ?? {})) {
    if (typeof target !== 'object' || target.default === undefined) continue
    const name = /^\.\/dist\/(.+)\.js$/.exec(target.default)?.[1]
    if (name === undefined) throw new Error(`packages/${pkg}: export ${target.default} is not under ./dist/`)
    entries[name] = join(root, `packages/${pkg}`, target['steadystate-source'])
  }
  return entries
}

const started = Date.now()
const libraries = readdirSync(join(root, 'packages')).filter(
  (pkg) => pkg !== 'cli' && existsSync(join(root, `packages/${pkg}/package.json`)),
)
for (const pkg of libraries) {
  const entryPoints = builtEntries(pkg)
  if (Object.keys(entryPoints).length === 0) continue
  rmSync(join(root, `packages/${pkg}/dist`), { recursive: true, force: true })
  await build({
    ...common,
    entryPoints,
    outdir: join(root, `packages/${pkg}/dist`),
    packages: 'external',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  })
}
rmSync(join(root, 'packages/cli/dist'), { recursive: true, force: true })
await build({
  ...common,
  entryPoints: { cli: join(root, 'packages/cli/src/cli.ts'), ...builtEntries('cli') },
  outdir: join(root, 'packages/cli/dist'),
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
})
process.stdout.write(`built steadystate ${version} in ${Date.now() - started} ms\n`)
