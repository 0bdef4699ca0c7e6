// Makes what a release publishes of the CLI, from the built packages/cli (pnpm build first):
//
//   steadystate-cli-<version>.tgz   the npm package @steadystate/cli (`npm pack` of a staged folder)
//   steadystate-<version>.tar.gz    the self-contained tarball: the same files plus a launcher,
//                                   for workers that have Node.js but cannot reach npm
//   SHA256SUMS                      both, as `sha256sum --check` reads them
//
// One package, not the workspace's six: the CLI is one esbuild bundle that already holds every
// workspace package, so users install one thing whose versions cannot disagree. It is a command
// (bin/steadystate.js runs dist/cli.js) and a library (`import { runJob } from '@steadystate/cli'`:
// dist/index.js, which runs nothing when imported, with its types in dist/index.d.ts). The report's Latin
// fonts travel inside it (bundleDependencies, only the four files the report embeds: 2.3 MB instead
// of the font packages' 110 MB); the 92 MB CJK font stays out (such text is then drawn with the
// Latin font, with a warning). Whatever else the CLI depends on at run time is a dependency, pinned
// to the version the tests ran with.
//
// Usage: node scripts/package.mjs [--out DIR]      (default .tmp/release; prints the paths as JSON)
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import {
  cliManifest,
  copyCli,
  dependencyDirectory,
  fixTimes,
  FIXED_TIME,
  pinnedDependencies,
  readJson,
  ROOT,
} from './cli-files.mjs'
import { writeCliTypes } from './cli-types.mjs'

/** The font files the report embeds (packages/report/src/pdf/fonts.ts), and their licence. */
const BUNDLED_FONTS = {
  '@expo-google-fonts/noto-sans': [
    '400Regular/NotoSans_400Regular.ttf',
    '400Regular_Italic/NotoSans_400Regular_Italic.ttf',
    '700Bold/NotoSans_700Bold.ttf',
    'LICENSE_FONT',
  ],
  '@expo-google-fonts/noto-sans-mono': ['400Regular/NotoSansMono_400Regular.ttf', 'LICENSE_FONT'],
}
/** Too large to ship in every install (see the top of this file). */
const LEFT_OUT = ['@expo-google-fonts/noto-sans-sc']

/** The repository the package says it is built from: npm's provenance checks it against the build's. */
const REPOSITORY = process.env.GITHUB_REPOSITORY ?? 'steadystate/steadystate'

const { values } = parseArgs({ options: { out: { type: 'string' } } })
const out = resolve(values.out ?? join(ROOT, '.tmp/release'))
const manifest = cliManifest()
const version = manifest.version

const pinned = pinnedDependencies(manifest)
const dependencies = Object.fromEntries(Object.entries(pinned).filter(([name]) => !LEFT_OUT.includes(name)))
for (const name of Object.keys(BUNDLED_FONTS)) {
  if (dependencies[name] === undefined) throw new Error(`packages/cli no longer depends on ${name}`)
}

/** The package folder: what npm publishes, and the self-contained tarball's content. */
function stagePackage(target, types) {
  copyCli(target)
  copyFileSync(types, join(target, 'dist/index.d.ts'))
  copyFileSync(join(ROOT, 'LICENSE'), join(target, 'LICENSE'))
  copyFileSync(join(ROOT, 'packages/cli/README.md'), join(target, 'README.md'))
  for (const [name, files] of Object.entries(BUNDLED_FONTS)) {
    const from = dependencyDirectory(name)
    const to = join(target, 'node_modules', name)
    const { version: fontVersion, license } = readJson(join(from, 'package.json'))
    mkdirSync(to, { recursive: true })
    writeFileSync(
      join(to, 'package.json'),
      `${JSON.stringify({ name, version: fontVersion, license, description: 'only the files steadystate embeds' }, null, 2)}\n`,
    )
    for (const file of files) {
      mkdirSync(dirname(join(to, file)), { recursive: true })
      copyFileSync(join(from, file), join(to, file))
    }
  }
  writeFileSync(
    join(target, 'package.json'),
    `${JSON.stringify(
      {
        name: manifest.name,
        version,
        description: manifest.description,
        keywords: ['chaos-engineering', 'chaostoolkit', 'chaos-toolkit', 'kubernetes', 'sre', 'resilience'],
        homepage: `https://github.com/${REPOSITORY}#readme`,
        bugs: `https://github.com/${REPOSITORY}/issues`,
        repository: {
          type: 'git',
          url: `git+https://github.com/${REPOSITORY}.git`,
          directory: 'packages/cli',
        },
        license: manifest.license,
        type: 'module',
        bin: manifest.bin,
        // The library; the command is only the bin (importing dist/cli.js would run it).
        exports: {
          '.': { types: './dist/index.d.ts', default: './dist/index.js' },
          './package.json': './package.json',
        },
        files: ['bin/', 'dist/', 'LICENSE', 'README.md'],
        engines: manifest.engines,
        dependencies,
        bundleDependencies: Object.keys(BUNDLED_FONTS),
        // Scoped packages are private by default; and a publish outside CI (no provenance) fails.
        publishConfig: { access: 'public', provenance: true },
      },
      null,
      2,
    )}\n`,
  )
}

/** The self-contained tarball's launcher: finds itself through symlinks and runs the bundle with node. */
const LAUNCHER = `#!/bin/sh
# steadystate ${version}, self-contained: needs only Node.js 20.10 or newer (the node on PATH, or
# STEADYSTATE_NODE). Link it anywhere: ln -s "$PWD/bin/steadystate" /usr/local/bin/steadystate
# Plain sh, no other command: workers that have Node.js may have little else.
set -eu
self=$0
while [ -L "$self" ]; do
  target=$(readlink "$self")
  case $target in
    /*) self=$target ;;
    *) self=\${self%/*}/$target ;;
  esac
done
case $self in
  */*) here=\${self%/*} ;;
  *) here=. ;;
esac
node=\${STEADYSTATE_NODE:-node}
if ! found=$("$node" --version 2>/dev/null); then
  echo "steadystate: Node.js 20.10 or newer is needed to run it, and '$node' was not found" >&2
  exit 127
fi
case $found in
  v1[0-9].* | v[0-9].* | v20.[0-9].*)
    echo "steadystate: Node.js 20.10 or newer is needed to run it, '$node' is $found" >&2
    exit 1
    ;;
esac
exec "$node" "$here/steadystate.js" "$@"
`

function sha256(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

rmSync(out, { recursive: true, force: true })
const work = join(out, '.work')
mkdirSync(work, { recursive: true })
const types = join(work, 'index.d.ts')
writeCliTypes(types)
const npmPackage = join(work, 'npm')
stagePackage(npmPackage, types)
fixTimes(npmPackage)
const packed = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', out], {
    cwd: npmPackage,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }),
)[0]
const npmTarball = join(out, packed.filename)

const topDirectory = `steadystate-${version}`
const standalone = join(work, topDirectory)
stagePackage(standalone, types)
writeFileSync(join(standalone, 'bin/steadystate'), LAUNCHER)
chmodSync(join(standalone, 'bin/steadystate'), 0o755)
fixTimes(standalone)
const standaloneTarball = join(out, `${topDirectory}.tar.gz`)
// Reproducible: sorted names, no owners, fixed times, and gzip without the file's name and time.
execFileSync('sh', [
  '-c',
  'tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="$2" -C "$1" -cf - "$3" | gzip -9n >"$4"',
  'tar',
  work,
  FIXED_TIME.toISOString(),
  topDirectory,
  standaloneTarball,
])
rmSync(work, { recursive: true, force: true })

const artifacts = [npmTarball, standaloneTarball]
writeFileSync(
  join(out, 'SHA256SUMS'),
  artifacts.map((path) => `${sha256(path)}  ${basename(path)}\n`).join(''),
)
process.stdout.write(
  `${JSON.stringify(
    {
      version,
      npm: npmTarball,
      standalone: standaloneTarball,
      checksums: join(out, 'SHA256SUMS'),
      files: packed.entryCount,
      dependencies,
    },
    null,
    2,
  )}\n`,
)
