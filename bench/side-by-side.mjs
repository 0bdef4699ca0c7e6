// What the benchmarks that run steadystate and `chaos run` side by side share: the reference's
// virtualenv, the two command lines, and timing a command as a user would run it.
import { execFileSync, spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The bin directory of the reference Chaos Toolkit, installed by scripts/reference-chaostoolkit. */
export function referenceBin() {
  return execFileSync(join(root, 'scripts/reference-chaostoolkit'), { encoding: 'utf8' }).trim()
}

/** The built CLI's `run` of `file`, writing its journal to `journal`. */
export const steadystateRun = (file, journal) => [
  process.execPath,
  join(root, 'packages/cli/bin/steadystate.js'),
  'run',
  file,
  '--journal-path',
  journal,
]

/** `chaos run` of `file` without a log file, a version check or the machine's settings. */
export const chaosRun = (bin, settings, file, journal) => [
  join(bin, 'chaos'),
  '--no-version-check',
  '--no-log-file',
  '--settings',
  settings,
  'run',
  file,
  '--journal-path',
  journal,
]

/** Runs a command to its end and returns its wall time in ms; a failure stops the benchmark. */
export function timeCommand(argv, options) {
  const started = process.hrtime.bigint()
  const result = spawnSync(argv[0], argv.slice(1), { ...options, stdio: ['ignore', 'ignore', 'pipe'] })
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr}`)
  return Number(process.hrtime.bigint() - started) / 1e6
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/**
 * Wall and CPU time (user + system of the whole process tree, from bench/rusage.py) of one run, in
 * ms: CPU time says what a run costs even when other work slows the machine's wall clock down.
 */
export function measureCommand(argv, options) {
  const result = spawnSync('python3', [join(root, 'bench/rusage.py'), ...argv], {
    ...options,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const measured = result.status === 0 ? JSON.parse(result.stdout) : { status: result.status }
  if (measured.status !== 0) throw new Error(`${argv.join(' ')} exited ${measured.status}: ${result.stderr}`)
  return { wall: measured.wall * 1000, cpu: measured.cpu * 1000 }
}
