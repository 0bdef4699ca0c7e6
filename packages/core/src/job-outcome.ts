import type { Journal, VerdictKind } from '@steadystate/model'
import { assertNever } from './errors.ts'

/**
 * Whether a CI job or runbook step should fail for this run. One policy for every adapter:
 * the steady state held → pass; it deviated, was not tested (not met before the method) or the fault
 * may not have been injected (failed method activities) → fail unless `failOnDeviation` is off;
 * the run itself failed, was aborted or interrupted → always fail.
 */
export function jobShouldFail(journal: Journal, failOnDeviation: boolean): { fail: boolean; reason: string } {
  const kind: VerdictKind = journal.steadystate?.verdict.kind ?? fallbackVerdict(journal)
  const summary =
    journal.steadystate?.verdict.summary ?? `status ${journal.status}${journal.deviated ? ', deviated' : ''}`
  switch (kind) {
    case 'held':
      return { fail: false, reason: summary }
    case 'deviated':
    case 'not-tested':
    case 'incomplete':
      return { fail: failOnDeviation, reason: summary }
    case 'failed':
    case 'aborted':
    case 'interrupted':
      return { fail: true, reason: summary }
    default:
      return assertNever(kind, 'verdict')
  }
}

/** For journals written by the Chaos Toolkit itself, which have no steadystate verdict. */
function fallbackVerdict(journal: Journal): VerdictKind {
  if (journal.status === 'interrupted' || journal.status === 'aborted' || journal.status === 'failed')
    return journal.status
  return journal.deviated ? 'deviated' : 'held'
}
