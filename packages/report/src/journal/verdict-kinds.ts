import type { VerdictKind } from '@steadystate/model'

export type { VerdictKind }

/** Every verdict, most reassuring first; `satisfies` keeps the list in step with the model. */
export const VERDICT_KINDS = [
  'held',
  'incomplete',
  'not-tested',
  'deviated',
  'failed',
  'aborted',
  'interrupted',
] as const satisfies readonly VerdictKind[]

/** Whether a verdict means the system passed the experiment (what CI and trend charts count). */
export function verdictPassed(kind: VerdictKind): boolean {
  switch (kind) {
    case 'held':
    case 'incomplete':
      return true
    case 'not-tested':
    case 'deviated':
    case 'failed':
    case 'aborted':
    case 'interrupted':
      return false
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
  }
}
