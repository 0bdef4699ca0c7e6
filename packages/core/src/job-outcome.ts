import { journalVerdict, verdictTolerable, type Journal } from '@steadystate/model'

/**
 * Whether a CI job or runbook step should fail for this run. One policy for every adapter, behind
 * `steadystate run --fail-on-deviation` / `--no-fail-on-deviation`: the steady state held → pass;
 * it deviated, was not tested (not met before the method) or the fault may not have been injected
 * (failed method activities) → fail unless `failOnDeviation` is off; the run itself failed, was
 * aborted or interrupted, or did not finish → always fail. Journals without steadystate's verdict
 * (the Chaos Toolkit's) are judged by the same rules (`journalVerdict`).
 */
export function jobShouldFail(journal: Journal, failOnDeviation: boolean): { fail: boolean; reason: string } {
  const verdict = journalVerdict(journal)
  if (verdict.kind === 'held') return { fail: false, reason: verdict.summary }
  return { fail: verdictTolerable(verdict.kind) ? failOnDeviation : true, reason: verdict.summary }
}
