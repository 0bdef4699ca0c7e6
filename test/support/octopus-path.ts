import { mkdtempSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathOf } from './commands.ts'
import { CLI_BIN } from './paths.ts'

/** What a worker has installed, for the Octopus step template's tests: PATHs. */

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
/** What installing steadystate uses besides Node.js (tar calls gzip for .tar.gz; sha256sum checks a tarball). */
const INSTALL_TOOLS = ['cksum', 'cut', 'mkdir', 'mv', 'tar', 'gzip', 'sha256sum']

/**
 * A PATH of just the base tools: no steadystate on it. `with: 'node'` adds Node.js and npm (this
 * machine's), `with: 'node-only'` Node.js without npm; `node` names another Node.js binary.
 */
export function barePath(options: { with?: 'node' | 'node-only'; node?: string } = {}): string {
  if (options.with === undefined) return pathOf(BASE_TOOLS)
  const tools = [...BASE_TOOLS, ...INSTALL_TOOLS, ...(options.with === 'node' ? ['npm'] : [])]
  return options.node === undefined ? pathOf([...tools, 'node']) : pathOf(tools, { node: options.node })
}
