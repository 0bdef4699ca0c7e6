import type { Journal, Verdict, VerdictKind } from './journal.ts'

/**
 * The one set of verdict rules: steadystate's engine, the job policy of every adapter and the report
 * all derive a run's verdict here, so a journal reads the same whichever tool wrote it and whichever
 * tool reads it.
 */

/** Every verdict, most reassuring first. */
export const VERDICT_KINDS = [
  'held',
  'incomplete',
  'not-tested',
  'deviated',
  'failed',
  'aborted',
  'interrupted',
  'unfinished',
] as const satisfies readonly VerdictKind[]

/** What a verdict is derived from: facts that every journal shape records. */
export interface VerdictFacts {
  /**
   * The journal's status. A status the Chaos Toolkit does not know reads as `completed`, as chaoslib
   * normalises it; `running` is steadystate's checkpoint status.
   */
  status: string
  deviated: boolean
  /** The steady state was not met before the method, so the method did not run. */
  notTested: boolean
  /** How many method activities failed. */
  methodFailures: number
}

/**
 * The verdict of a run. The Chaos Toolkit marks a run whose steady state was not met before the
 * method `completed` (chaoslib ≥ 1.35) or `failed` (earlier, or when a probe errored): both are
 * `not-tested`. A completed run whose method activities failed is `incomplete`: the fault may never
 * have been injected.
 */
export function deriveVerdictKind(facts: VerdictFacts): VerdictKind {
  switch (facts.status) {
    case 'running':
      return 'unfinished'
    case 'interrupted':
    case 'aborted':
      return facts.status
    case 'failed':
      return facts.notTested ? 'not-tested' : 'failed'
    default:
      break
  }
  if (facts.deviated) return 'deviated'
  if (facts.notTested) return 'not-tested'
  if (facts.methodFailures > 0) return 'incomplete'
  return 'held'
}

/** The facts of a journal as written (steadystate's, or the Chaos Toolkit's 1.x shape). */
export function journalVerdictFacts(
  journal: Pick<Journal, 'status' | 'deviated' | 'steady_states' | 'run'>,
): VerdictFacts {
  const run = Array.isArray(journal.run) ? journal.run : []
  return {
    status: journal.status,
    deviated: journal.deviated,
    notTested: journal.steady_states?.before?.steady_state_met === false && run.length === 0,
    methodFailures: run.filter((entry) => entry.status === 'failed').length,
  }
}

/** A journal's verdict: steadystate's own when it recorded one, else derived by the same rules. */
export function journalVerdict(journal: Journal): Verdict {
  const recorded = journal.steadystate?.verdict
  if (recorded !== undefined && (VERDICT_KINDS as readonly string[]).includes(recorded.kind)) return recorded
  const kind = deriveVerdictKind(journalVerdictFacts(journal))
  return { kind, summary: derivedVerdictSummary(kind) }
}

/** The sentence for a verdict derived from a journal alone (no reason recorded). */
export function derivedVerdictSummary(kind: VerdictKind): string {
  switch (kind) {
    case 'held':
      return 'The steady state held before and after the method.'
    case 'incomplete':
      return 'The steady state held, but method activities failed, so the fault may not have been injected.'
    case 'not-tested':
      return 'The steady state was not met BEFORE the method, so the method was skipped and nothing was tested.'
    case 'deviated':
      return 'The steady state deviated after the method.'
    case 'failed':
      return 'The run failed: the journal says "failed" (a probe or activity raised an error).'
    case 'aborted':
      return 'The run was aborted by an error in the experiment or the engine.'
    case 'interrupted':
      return 'The run was interrupted before it finished.'
    case 'unfinished':
      return 'The run did not finish: this journal was written while it was in progress, and its rollbacks may not have run.'
  }
}

/** The status word a reader sees first: plain words, no symbols. */
export function verdictHeadline(kind: VerdictKind): string {
  switch (kind) {
    case 'held':
      return 'STEADY STATE HELD'
    case 'incomplete':
      return 'HELD, BUT INCOMPLETE'
    case 'not-tested':
      return 'NOT TESTED'
    case 'deviated':
      return 'STEADY STATE DEVIATED'
    case 'failed':
      return 'RUN FAILED'
    case 'aborted':
      return 'RUN ABORTED'
    case 'interrupted':
      return 'RUN INTERRUPTED'
    case 'unfinished':
      return 'RUN DID NOT FINISH'
  }
}

/**
 * How a verdict counts, in a job and in trends. Only `held` passes. `unfinished` is counted apart:
 * it says nothing about the system, only that the run (or its rollbacks) never finished.
 */
export type VerdictClass = 'passed' | 'failed' | 'unfinished'

export function verdictClass(kind: VerdictKind): VerdictClass {
  switch (kind) {
    case 'held':
      return 'passed'
    case 'unfinished':
      return 'unfinished'
    case 'incomplete':
    case 'not-tested':
    case 'deviated':
    case 'failed':
    case 'aborted':
    case 'interrupted':
      return 'failed'
  }
}

/**
 * The verdicts a job may let pass when it is told not to fail on deviation: the system was tested
 * (or could not be) and the run itself worked. A failed, aborted, interrupted or unfinished run
 * always fails.
 */
export function verdictTolerable(kind: VerdictKind): boolean {
  switch (kind) {
    case 'deviated':
    case 'not-tested':
    case 'incomplete':
      return true
    case 'held':
    case 'failed':
    case 'aborted':
    case 'interrupted':
    case 'unfinished':
      return false
  }
}
