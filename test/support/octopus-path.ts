import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CLI_BIN, REPO_ROOT } from './paths.ts'

/** What a worker has installed, for the Octopus step template's tests: PATHs and an npm package. */

let steadystateBin: string | undefined

/** The system PATH with the built CLI on it as `steadystate`, as on a worker that has it installed. */
export function steadystateOnPath(): string {
  if (steadystateBin === undefined) {
    steadystateBin = mkdtempSync(join(tmpdir(), 'steadystate-bin-'))
    symlinkSync(CLI_BIN, join(steadystateBin, 'steadystate'))
  }
  return `${steadystateBin}:${process.env.PATH ?? '/usr/bin:/bin'}`
}

/** The commands the step and the bootstrap use besides bash builtins: a worker with nothing else. */
const BASE_TOOLS = [
  'bash',
  'sh',
  'env',
  'mktemp',
  'chmod',
  'rm',
  'cat',
  'tr',
  'base64',
  'basename',
  'wc',
  'test',
  'true',
  'touch',
  // The journal's folder outside the task's working directory, and its copy into it.
  'mkdir',
  'cp',
]
const INSTALL_TOOLS = ['cksum', 'cut', 'mv', 'node', 'npm']

/** A PATH of just the base tools (`with: 'node'` adds Node.js and npm): no steadystate on it. */
export function barePath(options: { with?: 'node' } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'bare-path-'))
  const tools = options.with === 'node' ? [...BASE_TOOLS, ...INSTALL_TOOLS] : BASE_TOOLS
  for (const tool of tools) symlinkSync(whichSystem(tool), join(dir, tool))
  return dir
}

function whichSystem(command: string): string {
  const dir = (process.env.PATH ?? '/usr/bin:/bin').split(':').find((d) => existsSync(join(d, command)))
  if (dir === undefined) throw new Error(`${command} is not on PATH`)
  return join(dir, command)
}

/**
 * The built CLI as an npm package tarball, as the registry would serve `@steadystate/cli` (bundled,
 * so it installs offline; without the report's fonts, so PDF reports need the real one).
 */
export function packCli(into: string): string {
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as {
    version: string
  }
  const stage = join(mkdtempSync(join(tmpdir(), 'cli-pack-')), 'package')
  cpSync(join(REPO_ROOT, 'packages/cli/bin'), join(stage, 'bin'), { recursive: true })
  cpSync(join(REPO_ROOT, 'packages/cli/dist'), join(stage, 'dist'), { recursive: true })
  writeFileSync(
    join(stage, 'package.json'),
    JSON.stringify({
      name: '@steadystate/cli',
      version,
      type: 'module',
      bin: { steadystate: './bin/steadystate.js' },
      engines: { node: '>=20.10' },
    }),
  )
  // npm installs a gzipped tar whose single top directory is the package.
  const tarball = join(into, `steadystate-cli-${version}.tgz`)
  execFileSync('tar', ['-czf', tarball, '-C', join(stage, '..'), 'package'])
  return tarball
}
