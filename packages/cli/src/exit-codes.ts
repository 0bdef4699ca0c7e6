import { jobShouldFail } from '@steadystate/core'
import type { Journal } from '@steadystate/model'

/** `chaos run`'s exit codes: 0 completed and not deviated, 1 otherwise, 2 for usage errors. */
export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2

/**
 * How `steadystate run` turns a journal into its exit code:
 * - `chaos`: as `chaos run` (0 when completed and not deviated);
 * - `fail-on-deviation`: the job's result by the shared policy, failing on every verdict but `held`;
 * - `tolerate-deviation`: the job's result, letting deviated, not-tested and incomplete runs pass
 *   (a failed, aborted, interrupted or unfinished run still fails).
 */
export type ExitPolicy = 'chaos' | 'fail-on-deviation' | 'tolerate-deviation'

export function exitCodeFor(journal: Journal, policy: ExitPolicy = 'chaos'): number {
  switch (policy) {
    case 'chaos':
      return journal.status === 'completed' && !journal.deviated ? EXIT_OK : EXIT_FAILED
    case 'fail-on-deviation':
      return jobShouldFail(journal, true).fail ? EXIT_FAILED : EXIT_OK
    case 'tolerate-deviation':
      return jobShouldFail(journal, false).fail ? EXIT_FAILED : EXIT_OK
  }
}

/** A command other than `run` stopped by a signal exits as the shell reports it: 128 + the signal's number. */
export function exitCodeForSignal(signal: NodeJS.Signals): number {
  return signal === 'SIGTERM' ? 143 : signal === 'SIGINT' ? 130 : EXIT_FAILED
}
