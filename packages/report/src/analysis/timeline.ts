import type { ReportJournal, RunRecord } from '../journal/types.ts'
import { outcomeIsProblem, runOutcome } from '../journal/outcome.ts'
import { parseTimestamp } from '../journal/timestamp.ts'
import { allRuns } from './runs.ts'

export type SpanKind =
  | 'hypothesis'
  | 'action'
  | 'probe'
  | 'rollback'
  | 'pause'
  | 'problem'
  /** A safeguard check that found it safe to go on. */
  | 'safeguard'
  /** A safeguard check that said stop (its tolerance not met, or its probe failed). */
  | 'tripped'

export interface TimelineSpan {
  row: string
  kind: SpanKind
  /** Seconds since the start of the run. */
  start: number
  end: number
}

export interface Timeline {
  rows: string[]
  spans: TimelineSpan[]
  /** One row per run, or (for long journals) one row per phase and activity name. */
  grouped: boolean
  /** Runs the journal gave no time for (interrupted), left off the chart. */
  untimed: number
}

/** A chart with more rows than this is unreadable on a page; long journals group by name instead. */
export const MAX_ROWS = 40

/**
 * The Gantt view of a run: every activity run (hypothesis checks, method, rollbacks) as a bar on
 * the time axis, pauses as bars of their own beside the activity they belong to.
 */
export function buildTimeline(journal: ReportJournal): Timeline {
  const runs = allRuns(journal).filter((run) => run.startOffset !== undefined)
  runs.sort((a, b) => (a.startOffset ?? 0) - (b.startOffset ?? 0))
  const grouped = runs.length > MAX_ROWS
  const rows: string[] = []
  const seen = new Map<string, string>()
  const rowFor = (run: RunRecord, index: number): string => {
    const key = grouped ? `${run.phase} · ${run.name}` : `${index}`
    let row = seen.get(key)
    if (row === undefined) {
      row = rows.length >= MAX_ROWS - 1 && grouped ? 'other activities' : uniqueRow(rowLabel(run), rows)
      if (!rows.includes(row)) rows.push(row)
      seen.set(key, row)
    }
    return row
  }
  const pausesPlayed = journal.dry !== 'pause' && journal.dry !== 'activities'
  const cutoff = runCutoff(journal)
  const spans: TimelineSpan[] = []
  runs.forEach((run, index) => {
    const row = rowFor(run, index)
    const start = run.startOffset ?? 0
    // A run the journal never saw end (interrupted) lasted until the interruption, or the end.
    const end = run.endOffset ?? Math.max(start, cutoff ?? start)
    const before = typeof run.pauses.before === 'number' && pausesPlayed ? run.pauses.before : 0
    const ended = run.endOffset !== undefined
    const after = typeof run.pauses.after === 'number' && pausesPlayed && ended ? run.pauses.after : 0
    if (before > 0) spans.push({ row, kind: 'pause', start: Math.max(0, start - before), end: start })
    spans.push({ row, kind: spanKind(run, journal), start, end })
    if (after > 0) spans.push({ row, kind: 'pause', start: end, end: end + after })
  })
  spans.push(...safeguardSpans(journal, rows))
  return { rows, spans, grouped, untimed: allRuns(journal).length - runs.length }
}

/** Every safeguard check, one row per safeguard probe (they may run every second). */
function safeguardSpans(journal: ReportJournal, rows: string[]): TimelineSpan[] {
  const spans: TimelineSpan[] = []
  const rowOf = new Map<string, string>()
  for (const check of journal.safeguards?.checks ?? []) {
    if (check.atOffset === undefined) continue
    let row = rowOf.get(check.probe)
    if (row === undefined) {
      row = uniqueRow(`safeguard · ${check.probe}`, rows)
      rows.push(row)
      rowOf.set(check.probe, row)
    }
    const start = Math.min(check.startOffset ?? check.atOffset, check.atOffset)
    spans.push({ row, kind: check.ok ? 'safeguard' : 'tripped', start, end: check.atOffset })
  }
  return spans
}

function runCutoff(journal: ReportJournal): number | undefined {
  const at = parseTimestamp(journal.interruption?.at)
  if (at !== undefined && journal.start !== undefined) return (at.ms - journal.start.ms) / 1000
  return journal.durationSeconds
}

export function spanKind(run: RunRecord, journal: ReportJournal): SpanKind {
  if (outcomeIsProblem(runOutcome(run, journal.dry))) return 'problem'
  switch (run.phase) {
    case 'before':
    case 'during':
    case 'after':
      return 'hypothesis'
    case 'rollbacks':
      return 'rollback'
    case 'method':
      return run.type === 'probe' ? 'probe' : 'action'
  }
}

export function rowLabel(run: RunRecord): string {
  switch (run.phase) {
    case 'before':
      return `before · ${run.name}`
    case 'during':
      return `during · ${run.name}`
    case 'after':
      return `after · ${run.name}`
    case 'method':
      return run.name
    case 'rollbacks':
      return `rollback · ${run.name}`
  }
}

/** Chart rows are category labels, so the same activity run twice needs a distinct label. */
export function uniqueRow(label: string, rows: string[]): string {
  if (!rows.includes(label)) return label
  let n = 2
  while (rows.includes(`${label} (${n})`)) n++
  return `${label} (${n})`
}
