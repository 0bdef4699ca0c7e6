import type { DryMode, RunRecord } from './types.ts'

/**
 * What happened to one activity run, in the words every renderer uses. `not-met`: a hypothesis probe
 * ran but its tolerance was not met. `skipped`: a dry run did not execute it. `unknown`: the journal
 * has no status (an interrupted run).
 */
export type RunOutcome = 'succeeded' | 'failed' | 'not-met' | 'skipped' | 'unknown'

export function runOutcome(run: RunRecord, dry: DryMode | null): RunOutcome {
  if (run.status === 'failed') return 'failed'
  if (isDry(run, dry)) return 'skipped'
  if (run.toleranceMet === false) return 'not-met'
  if (run.status === 'unknown') return 'unknown'
  return 'succeeded'
}

/** Which runs `--dry MODE` did not execute (their output is null in the journal). */
export function isDry(run: RunRecord, dry: DryMode | null): boolean {
  switch (dry) {
    case null:
    case 'pause':
      return false
    case 'activities':
      return true
    case 'probes':
      return run.type === 'probe'
    case 'actions':
      return run.type === 'action'
  }
}

export function outcomeLabel(outcome: RunOutcome): string {
  switch (outcome) {
    case 'succeeded':
      return 'ok'
    case 'failed':
      return 'FAILED'
    case 'not-met':
      return 'NOT MET'
    case 'skipped':
      return 'skipped (dry run)'
    case 'unknown':
      return 'no result'
  }
}

/** Whether a renderer should flag this run as a problem (CI failure, red text). */
export function outcomeIsProblem(outcome: RunOutcome): boolean {
  return outcome === 'failed' || outcome === 'not-met'
}
