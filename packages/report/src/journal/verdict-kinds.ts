import { verdictClass, type VerdictKind } from '@steadystate/model'

export type { VerdictKind }
/** The verdict rules and words live in the model, shared with the engine and the job policy. */
export { VERDICT_KINDS, verdictClass, verdictHeadline, type VerdictClass } from '@steadystate/model'

/**
 * Whether a verdict means the system passed the experiment, as CI counts it: only `held` (an
 * `incomplete` run may never have injected its fault; an `unfinished` one is counted apart).
 */
export function verdictPassed(kind: VerdictKind): boolean {
  return verdictClass(kind) === 'passed'
}
