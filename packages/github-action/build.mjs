// Bundles the GitHub Action into dist/, which is committed: the runner runs dist/index.js (main) and
// dist/post.js (post) as they are, with no node_modules. Everything is inlined (chart.js included:
// the report draws its charts on its own vector canvas, no native binary) except the report's fonts,
// copied into dist/fonts/: the Latin/Greek/Cyrillic Noto Sans and Mono only, not the 92 MB CJK font
// (Chinese/Japanese text in a report is then drawn without it, with a warning).
// The output is deterministic, so a test can rebuild into a temporary folder and compare (drift test).
//
//   node packages/github-action/build.mjs                  rebuild dist/ (then commit it)
//   node packages/github-action/build.mjs --outdir DIR     the same into DIR (the drift test)
import { build } from 'esbuild'
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { reportDependencies } from '../../scripts/report-bundling.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')

/** The journal records the engine's version: the CLI's. */
const version = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).version

/** Font files by package path; the report reads them from dist/fonts/ by file name. */
const FONTS = [
  'noto-sans/400Regular/NotoSans_400Regular.ttf',
  'noto-sans/700Bold/NotoSans_700Bold.ttf',
  'noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
  'noto-sans-mono/400Regular/NotoSansMono_400Regular.ttf',
  'noto-sans/LICENSE_FONT',
]

/**
 * Modules replaced: the report's (scripts/report-bundling.mjs: the WOFF2-only Brotli decoder stubbed,
 * tiny-inflate by zlib), and @actions/core's HTTP client, which only its OIDC token request uses
 * (never called here): it would put undici (800 KB) into every start.
 */
const unused = "throw new Error('not bundled into the steadystate action')"
const replacements = reportDependencies([
  {
    filter: /^@actions\/http-client(\/lib\/auth)?$/,
    contents:
      `export class HttpClient { constructor() { ${unused} } }\n` +
      `export class BearerCredentialHandler { constructor() { ${unused} } }`,
  },
])

// Bundled CommonJS dependencies may call require(); ESM output needs one.
const requireShim =
  "import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);"

/** Builds the action into `outdir` (emptied first). */
export async function buildAction(outdir) {
  rmSync(outdir, { recursive: true, force: true })
  await build({
    absWorkingDir: root,
    entryPoints: {
      index: join(here, 'src/index.ts'),
      post: join(here, 'src/post-entry.ts'),
    },
    outdir,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    // Runs on node24 (action.yml); Node 20 too, for the benchmark's comparison.
    target: 'node20',
    format: 'esm',
    conditions: ['steadystate-source'],
    // Minified syntax and whitespace parse faster at every start; names are kept for stack traces.
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: 'linked',
    logLevel: 'warning',
    banner: { js: requireShim },
    // As in scripts/build.mjs: the Python bridge's worker is bundled as text.
    loader: { '.py': 'text' },
    define: { __STEADYSTATE_VERSION__: JSON.stringify(version) },
    // As in scripts/build.mjs: the userland punycode, not Node's deprecated built-in (a warning).
    alias: { punycode: 'punycode/punycode.js' },
    plugins: [replacements],
  })
  const fonts = join(outdir, 'fonts')
  mkdirSync(fonts, { recursive: true })
  const require = createRequire(join(root, 'packages/report/package.json'))
  for (const file of FONTS) {
    copyFileSync(require.resolve(`@expo-google-fonts/${file}`), join(fonts, basename(file)))
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { outdir: { type: 'string' } } })
  const outdir = values.outdir === undefined ? join(here, 'dist') : resolve(values.outdir)
  const started = Date.now()
  await buildAction(outdir)
  process.stdout.write(
    `built the GitHub Action (steadystate ${version}) into ${outdir} in ${Date.now() - started} ms\n`,
  )
}
