import type { ProgressPhase, RunProgress } from './journal.ts'

const PHASE_WORDS: Record<ProgressPhase, string> = {
  starting: 'before the first phase',
  before: 'the steady-state hypothesis before the method',
  method: 'the method',
  after: 'the steady-state hypothesis after the method',
  rollbacks: 'the rollbacks',
  finishing: 'the end of the run, after its rollbacks',
}

/**
 * Whether a stop (a safeguard, the kill switch, a Python control's InterruptExecution) still counts:
 * while the method or the hypotheses may run, not once the rollbacks have begun.
 */
export function stopCountsIn(phase: ProgressPhase): boolean {
  return phase !== 'rollbacks' && phase !== 'finishing'
}

/** Where an unfinished run was, in words: `the method, activity 'terminate-pod'`. */
export function describeProgress(progress: Pick<RunProgress, 'activity'> & { phase: string }): string {
  const where = Object.hasOwn(PHASE_WORDS, progress.phase)
    ? PHASE_WORDS[progress.phase as ProgressPhase]
    : `the phase '${progress.phase}'`
  return progress.activity === null ? where : `${where}, activity '${progress.activity}'`
}
