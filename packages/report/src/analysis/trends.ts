import { verdictClass, type VerdictClass, type VerdictKind } from '@steadystate/model'
import type { ReportJournal } from '../journal/types.ts'
import { plural } from '../text/format.ts'
import { slowestRecovery } from './recovery.ts'

export interface TrendPoint {
  title: string
  /** Short date for an axis: `2026-11-24 19:08`. */
  when: string
  startMs: number | undefined
  verdict: VerdictKind
  /** Held, did not hold, or did not finish (counted apart: it says nothing about the system). */
  outcome: VerdictClass
  passed: boolean
  durationSeconds: number | undefined
  methodSeconds: number | undefined
  recoverySeconds: number | undefined
}

/** One point per journal, oldest first: what the trend charts and tables plot. */
export function buildTrend(journals: readonly ReportJournal[]): TrendPoint[] {
  const points = journals.map((journal) => ({
    title: journal.title,
    when:
      journal.start === undefined
        ? 'unknown'
        : new Date(journal.start.ms).toISOString().slice(0, 16).replace('T', ' '),
    startMs: journal.start?.ms,
    verdict: journal.verdict.kind,
    outcome: verdictClass(journal.verdict.kind),
    passed: verdictClass(journal.verdict.kind) === 'passed',
    durationSeconds: journal.durationSeconds,
    methodSeconds: methodSeconds(journal),
    recoverySeconds: slowestRecovery(journal),
  }))
  // Stable: journals without a start keep their place relative to each other, after the dated ones.
  return points
    .map((point, index) => ({ point, index }))
    .sort((a, b) => (a.point.startMs ?? Infinity) - (b.point.startMs ?? Infinity) || a.index - b.index)
    .map(({ point }) => point)
}

function methodSeconds(journal: ReportJournal): number | undefined {
  const offsets = journal.method.flatMap((run) =>
    run.startOffset === undefined || run.endOffset === undefined ? [] : [[run.startOffset, run.endOffset]],
  )
  if (offsets.length === 0) return undefined
  return Math.max(...offsets.map(([, end]) => end ?? 0)) - Math.min(...offsets.map(([start]) => start ?? 0))
}

/** `5 runs: 3 held, 1 did not, 1 did not finish.`: runs that did not finish are counted apart. */
export function describeTrendCounts(points: readonly TrendPoint[]): string {
  const count = (outcome: VerdictClass): number => points.filter((point) => point.outcome === outcome).length
  const unfinished = count('unfinished')
  return `${plural(points.length, 'run')}: ${count('passed')} held, ${count('failed')} did not${
    unfinished === 0 ? '' : `, ${unfinished} did not finish`
  }.`
}
