// Stages the container image's build context (see the Dockerfile): the CLI as it would be
// published (bin/, the bundled dist/ without source maps) with a package.json whose dependencies
// are only what the bundle loads at run time, pinned to the versions installed here; and the GitLab
// helper. The workspace packages are not dependencies there: esbuild bundled them into dist/.
//
// Usage: node scripts/image-context.mjs CONTEXT_DIR   (the directory is emptied first)
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'packages/cli')
const target = process.argv[2]
if (target === undefined) {
  console.error('usage: node scripts/image-context.mjs CONTEXT_DIR')
  process.exit(2)
}
if (!existsSync(join(cli, 'dist/cli.js'))) {
  console.error('packages/cli/dist is missing: build the CLI first (pnpm build)')
  process.exit(1)
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'))
const manifest = readJson(join(cli, 'package.json'))

// Exact versions, as resolved by the lockfile, so the image installs what the tests ran with.
const dependencies = {}
for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
  if (range.startsWith('workspace:')) continue
  dependencies[name] = readJson(join(cli, 'node_modules', name, 'package.json')).version
}

rmSync(target, { recursive: true, force: true })
const app = join(target, 'steadystate')
mkdirSync(app, { recursive: true })
writeFileSync(
  join(app, 'package.json'),
  `${JSON.stringify(
    {
      name: 'steadystate-image',
      version: manifest.version,
      private: true,
      type: 'module',
      license: manifest.license,
      bin: manifest.bin,
      dependencies,
    },
    null,
    2,
  )}\n`,
)
cpSync(join(cli, 'bin'), join(app, 'bin'), { recursive: true })
cpSync(join(cli, 'dist'), join(app, 'dist'), {
  recursive: true,
  filter: (source) => !source.endsWith('.map'),
})
cpSync(join(root, 'packages/gitlab/bin'), join(target, 'gitlab'), { recursive: true })
// buildah's layer cache digests what COPY adds, timestamps included: fixed ones keep a rebuild
// of unchanged files cached (as SOURCE_DATE_EPOCH does for reproducible builds).
const FIXED_TIME = new Date('2000-01-01T00:00:00Z')
function touchTree(path) {
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name)
    if (entry.isDirectory()) touchTree(child)
    utimesSync(child, FIXED_TIME, FIXED_TIME)
  }
}
touchTree(target)
utimesSync(target, FIXED_TIME, FIXED_TIME)
process.stdout.write(`${JSON.stringify({ version: manifest.version, dependencies })}\n`)
