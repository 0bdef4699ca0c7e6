import { deriveVerdictKind, derivedVerdictSummary, VERDICT_KINDS, type VerdictKind } from '@steadystate/model'
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
 * The verdict of a journal without steadystate's own (the Chaos Toolkit's, any version), by the
 * shared rules (`deriveVerdictKind`), so a journal reads the same whichever tool wrote it and the
 * report agrees with the job policy.
 */
export function deriveVerdict(facts: VerdictFacts): ReportVerdict {
  const kind = deriveVerdictKind({
    status: facts.status,
    deviated: facts.deviated,
    notTested: facts.before?.met === false && facts.method.length === 0,
    methodFailures: facts.method.filter((run) => run.status === 'failed').length,
  })
  const summary =
    kind === 'held' && !facts.hadHypothesis
      ? 'The method ran; the experiment has no steady-state hypothesis to check.'
      : derivedVerdictSummary(kind)
  return { kind, summary, source: 'derived' }
}
