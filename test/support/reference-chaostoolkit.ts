import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { REPO_ROOT } from './paths.ts'

const run = promisify(execFile)

/**
 * The bin directory of the cached reference Chaos Toolkit (with chaostoolkit-prometheus and
 * chaostoolkit-addons), installed from PyPI by scripts/reference-chaostoolkit the first time.
 */
export async function referenceChaosBin(): Promise<string> {
  const { stdout } = await run(join(REPO_ROOT, 'scripts/reference-chaostoolkit'), [], {
    maxBuffer: 1 << 20,
    timeout: 600_000,
  })
  const bin = stdout.trim().split('\n').at(-1)
  if (bin === undefined || bin === '') throw new Error('scripts/reference-chaostoolkit printed no directory')
  return bin
}

export interface ReferenceRun {
  code: number | null
  output: string
}

/** `chaos run` of the reference, in `cwd` (where it writes chaostoolkit.log), with extra env. */
export async function runReference(
  bin: string,
  experiment: string,
  journalPath: string,
  options: { cwd: string; env: Record<string, string> },
): Promise<ReferenceRun> {
  try {
    const { stdout, stderr } = await run(
      join(bin, 'chaos'),
      [
        '--no-version-check',
        '--no-log-file',
        // No settings file of the machine's (controls, notifications) may change the outcome.
        '--settings',
        join(options.cwd, 'no-settings.yaml'),
        'run',
        '--journal-path',
        journalPath,
        experiment,
      ],
      { cwd: options.cwd, env: { ...process.env, ...options.env }, maxBuffer: 16 << 20, timeout: 300_000 },
    )
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string }
    if (typeof failed.code !== 'number') throw error
    return { code: failed.code, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` }
  }
}
