// What every shipped form of the CLI (the npm package, the self-contained tarball, the container
// image's build context) is made of: the built bin/ and dist/ of packages/cli, and its run-time
// dependencies pinned to the versions installed here. The workspace packages are not among them:
// esbuild bundled them into dist/.
import { cpSync, existsSync, readdirSync, readFileSync, utimesSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
export const CLI = join(ROOT, 'packages/cli')

export const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'))

/** packages/cli/package.json; exits with a clear message when the CLI has not been built. */
export function cliManifest() {
  if (!existsSync(join(CLI, 'dist/cli.js'))) {
    console.error('packages/cli/dist is missing: build the CLI first (pnpm build)')
    process.exit(1)
  }
  return readJson(join(CLI, 'package.json'))
}

/** The CLI's non-workspace dependencies at the exact versions the lockfile installed. */
export function pinnedDependencies(manifest) {
  const pinned = {}
  for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
    if (range.startsWith('workspace:')) continue
    pinned[name] = readJson(join(CLI, 'node_modules', name, 'package.json')).version
  }
  return pinned
}

/** The directory npm installed a dependency of the CLI into (pnpm links it beside the CLI). */
export const dependencyDirectory = (name) => join(CLI, 'node_modules', name)

/** Copies bin/ and dist/ (without source maps: a user's stack trace names the bundle) into `target`. */
export function copyCli(target) {
  cpSync(join(CLI, 'bin'), join(target, 'bin'), { recursive: true })
  cpSync(join(CLI, 'dist'), join(target, 'dist'), {
    recursive: true,
    filter: (source) => !source.endsWith('.map'),
  })
}

// Layer caches and archives digest timestamps too: fixed ones make equal files give equal bytes
// (as SOURCE_DATE_EPOCH does for reproducible builds).
export const FIXED_TIME = new Date('2000-01-01T00:00:00Z')

export function fixTimes(path) {
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name)
    if (entry.isDirectory()) fixTimes(child)
    utimesSync(child, FIXED_TIME, FIXED_TIME)
  }
  utimesSync(path, FIXED_TIME, FIXED_TIME)
}
