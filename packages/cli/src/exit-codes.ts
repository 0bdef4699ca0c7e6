import type { Journal } from '@steadystate/model'

/** `chaos run`'s exit codes: 0 completed and not deviated, 1 otherwise, 2 for usage errors. */
export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2

/** A command other than `run` stopped by a signal exits as the shell reports it: 128 + the signal's number. */
export function exitCodeForSignal(signal: NodeJS.Signals): number {
  return signal === 'SIGTERM' ? 143 : signal === 'SIGINT' ? 130 : EXIT_FAILED
}

export function exitCodeFor(journal: Journal): number {
  return journal.status === 'completed' && !journal.deviated ? EXIT_OK : EXIT_FAILED
}
