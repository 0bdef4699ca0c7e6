import { deriveVerdictKind, type FinishedStatus, type Verdict } from '@steadystate/model'
import { InternalError } from '../errors.ts'

export interface VerdictFacts {
  status: FinishedStatus
  deviated: boolean
  /** The steady state was not met before the method, so the method was skipped. */
  notTested: boolean
  methodFailures: number
  hadHypothesis: boolean
  reason?: string | undefined
}

/**
 * One sentence a CI user can act on. The kind comes from the shared rules (`deriveVerdictKind`), so
 * the engine, the job policy and the report agree; the engine adds the reason it knows.
 */
export function decideVerdict(facts: VerdictFacts): Verdict {
  const why = facts.reason === undefined ? '' : ` (${facts.reason})`
  const kind = deriveVerdictKind(facts)
  switch (kind) {
    case 'interrupted':
      return { kind, summary: `The run was interrupted${why}; rollbacks were attempted.` }
    case 'aborted':
      return { kind, summary: `The run was aborted${why}.` }
    case 'failed':
      return { kind, summary: `The run failed${why}.` }
    case 'not-tested':
      return {
        kind,
        summary:
          facts.status === 'failed'
            ? `A probe failed before the method, so nothing was tested${why}.`
            : `The steady state was not met BEFORE the method, so the method was skipped and nothing was tested${why}. Chaos Toolkit exits 0 here; fix the system or the hypothesis first.`,
      }
    case 'deviated':
      return { kind, summary: `The steady state deviated after the method${why}.` }
    case 'incomplete': {
      const count = `${facts.methodFailures} method activit${facts.methodFailures === 1 ? 'y' : 'ies'}`
      return {
        kind,
        summary: `The steady state held, but ${count} failed, so the fault may not have been injected.`,
      }
    }
    case 'held':
      return {
        kind,
        summary: facts.hadHypothesis
          ? 'The steady state held before and after the method.'
          : 'The method ran; the experiment has no steady-state hypothesis to check.',
      }
    case 'unfinished':
      // A finished status never derives `unfinished`; checkpoints build their own verdict.
      throw new InternalError(`a run that ended ${facts.status} cannot be unfinished`)
  }
}
