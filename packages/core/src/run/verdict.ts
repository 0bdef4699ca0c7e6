import type { RunStatus, Verdict } from '@steadystate/model'

export interface VerdictFacts {
  status: RunStatus
  deviated: boolean
  /** The steady state was not met before the method, so the method was skipped. */
  notTested: boolean
  methodFailures: number
  hadHypothesis: boolean
  reason?: string | undefined
}

/** One sentence a CI user can act on, derived from the run's facts. */
export function decideVerdict(facts: VerdictFacts): Verdict {
  const why = facts.reason === undefined ? '' : ` (${facts.reason})`
  switch (facts.status) {
    case 'interrupted':
      return { kind: 'interrupted', summary: `The run was interrupted${why}; rollbacks were attempted.` }
    case 'aborted':
      return { kind: 'aborted', summary: `The run was aborted${why}.` }
    case 'failed':
      if (facts.notTested) {
        return {
          kind: 'not-tested',
          summary: `A probe failed before the method, so nothing was tested${why}.`,
        }
      }
      return { kind: 'failed', summary: `The run failed${why}.` }
    case 'completed':
      break
  }
  if (facts.deviated)
    return { kind: 'deviated', summary: `The steady state deviated after the method${why}.` }
  if (facts.notTested) {
    return {
      kind: 'not-tested',
      summary: `The steady state was not met BEFORE the method, so the method was skipped and nothing was tested${why}. Chaos Toolkit exits 0 here; fix the system or the hypothesis first.`,
    }
  }
  if (facts.methodFailures > 0) {
    const count = `${facts.methodFailures} method activit${facts.methodFailures === 1 ? 'y' : 'ies'}`
    return {
      kind: 'incomplete',
      summary: `The steady state held, but ${count} failed, so the fault may not have been injected.`,
    }
  }
  if (!facts.hadHypothesis)
    return {
      kind: 'held',
      summary: 'The method ran; the experiment has no steady-state hypothesis to check.',
    }
  return { kind: 'held', summary: 'The steady state held before and after the method.' }
}
