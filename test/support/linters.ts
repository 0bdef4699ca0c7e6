import { execFileSync, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from './paths.ts'

let bin: string | undefined

/**
 * The cached linters of scripts/python-tools (actionlint, check-jsonschema with SchemaStore's
 * schemas vendored): minutes to install the first time on a machine (PyPI, the Go module proxy).
 */
export function pythonTools(): string {
  bin ??= execFileSync(join(REPO_ROOT, 'scripts/python-tools'), { encoding: 'utf8' }).trim()
  return bin
}

/** A linter's exit status and output, whatever they are. */
export function lint(tool: 'actionlint' | 'check-jsonschema', args: string[], cwd = REPO_ROOT) {
  const result = spawnSync(join(pythonTools(), tool), args, { cwd, encoding: 'utf8' })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}
