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

// fontkit (inside pdfkit) imports a Brotli decoder (800 KiB of JavaScript) only to read WOFF2 fonts.
// The report embeds TTF fonts, so the report chunk gets a stub instead: less to load on every report.
const withoutBrotli = {
  name: 'without-brotli',
  setup(context) {
    context.onResolve({ filter: /^brotli\/decompress\.js$/ }, () => ({ path: 'brotli', namespace: 'stub' }))
    context.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: "export default function decompress() { throw new Error('WOFF2 fonts are not supported') }",
    }))
  },
}

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
  plugins: [withoutBrotli],
}

const started = Date.now()
for (const pkg of ['model', 'core', 'report']) {
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
