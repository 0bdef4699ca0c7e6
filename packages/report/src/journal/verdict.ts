import { VERDICT_KINDS, type VerdictKind } from './verdict-kinds.ts'
import type { HypothesisCheck, ReportVerdict, RunRecord } from './types.ts'
import { isRecord } from './read.ts'

export interface VerdictFacts {
  status: string
  deviated: boolean
  before: HypothesisCheck | undefined
  method: RunRecord[]
  hadHypothesis: boolean
}

/** steadystate's own verdict when the journal has one we know. */
export function recordedVerdict(extras: unknown): ReportVerdict | undefined {
  if (!isRecord(extras) || !isRecord(extras.verdict)) return undefined
  const { kind, summary } = extras.verdict
  if (typeof kind !== 'string' || !(VERDICT_KINDS as readonly string[]).includes(kind)) return undefined
  return {
    kind: kind as VerdictKind,
    summary: typeof summary === 'string' ? summary : '',
    source: 'journal',
  }
}

/**
 * The verdict of a Chaos Toolkit journal, by the rules steadystate's engine applies to its own runs,
 * so a journal reads the same whichever tool wrote it. Chaos Toolkit marks a run whose steady state
 * was not met before the method `completed` (lib ≥ 1.35) or `failed` (earlier): both are `not-tested`.
 */
export function deriveVerdict(facts: VerdictFacts): ReportVerdict {
  const derived = (kind: VerdictKind, summary: string): ReportVerdict => ({
    kind,
    summary,
    source: 'derived',
  })
  const notTested = facts.before?.met === false && facts.method.length === 0
  switch (facts.status) {
    case 'interrupted':
      return derived('interrupted', 'The run was interrupted before it finished.')
    case 'aborted':
      return derived('aborted', 'The run was aborted by an error in the experiment or the engine.')
    case 'failed':
      if (notTested) return notTestedVerdict(derived)
      return derived(
        'failed',
        'The run failed: the journal says "failed" (a probe or activity raised an error).',
      )
    default:
      // `completed`, or a status the reference does not know, which it normalises to `completed`.
      break
  }
  if (facts.deviated) return derived('deviated', 'The steady state deviated after the method.')
  if (notTested) return notTestedVerdict(derived)
  const failures = facts.method.filter((run) => run.status === 'failed').length
  if (failures > 0) {
    const count = `${failures} method activit${failures === 1 ? 'y' : 'ies'}`
    return derived(
      'incomplete',
      `The steady state held, but ${count} failed, so the fault may not have been injected.`,
    )
  }
  if (!facts.hadHypothesis)
    return derived('held', 'The method ran; the experiment has no steady-state hypothesis to check.')
  return derived('held', 'The steady state held before and after the method.')
}

function notTestedVerdict(derived: (kind: VerdictKind, summary: string) => ReportVerdict): ReportVerdict {
  return derived(
    'not-tested',
    'The steady state was not met BEFORE the method, so the method was skipped and nothing was tested.',
  )
}
