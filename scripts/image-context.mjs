// Stages the container image's build context (see the Dockerfile): the CLI as it would be
// published (bin/, the bundled dist/ without source maps) with a package.json whose dependencies
// are only what the bundle loads at run time, pinned to the versions installed here; and the GitLab
// helper. The workspace packages are not dependencies there: esbuild bundled them into dist/.
//
// Usage: node scripts/image-context.mjs CONTEXT_DIR   (the directory is emptied first)
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cliManifest, copyCli, fixTimes, pinnedDependencies, ROOT } from './cli-files.mjs'

const target = process.argv[2]
if (target === undefined) {
  console.error('usage: node scripts/image-context.mjs CONTEXT_DIR')
  process.exit(2)
}
const manifest = cliManifest()
// Exact versions, as resolved by the lockfile, so the image installs what the tests ran with.
const dependencies = pinnedDependencies(manifest)

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
copyCli(app)
cpSync(join(ROOT, 'packages/gitlab/bin'), join(target, 'gitlab'), { recursive: true })
// buildah's layer cache digests what COPY adds, timestamps included.
fixTimes(target)
process.stdout.write(`${JSON.stringify({ version: manifest.version, dependencies })}\n`)
