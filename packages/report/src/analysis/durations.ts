import type { ReportJournal } from '../journal/types.ts'
import { allRuns } from './runs.ts'
import { MAX_ROWS, rowLabel, spanKind, uniqueRow, type SpanKind } from './timeline.ts'

export interface DurationBar {
  label: string
  kind: SpanKind
  /** Runs behind the bar: 1, or how many runs of that activity were grouped. */
  count: number
  meanSeconds: number
  maxSeconds: number
}

/** How long each activity took; for long journals one bar per activity (mean and max of its runs). */
export function buildDurations(journal: ReportJournal): DurationBar[] {
  const runs = allRuns(journal).filter((run) => run.durationSeconds !== undefined)
  const grouped = runs.length > MAX_ROWS
  const bars = new Map<string, DurationBar>()
  const totals = new Map<string, number>()
  const labels: string[] = []
  runs.forEach((run, index) => {
    const seconds = run.durationSeconds ?? 0
    const key = grouped ? `${run.phase} · ${run.name}` : `${index}`
    const kind = spanKind(run, journal)
    const bar = bars.get(key)
    if (bar === undefined) {
      const label = uniqueRow(rowLabel(run), labels)
      labels.push(label)
      bars.set(key, { label, kind, count: 1, meanSeconds: seconds, maxSeconds: seconds })
      totals.set(key, seconds)
      return
    }
    const total = (totals.get(key) ?? 0) + seconds
    totals.set(key, total)
    bar.count++
    bar.meanSeconds = total / bar.count
    bar.maxSeconds = Math.max(bar.maxSeconds, seconds)
    if (kind === 'problem') bar.kind = 'problem'
  })
  const list = [...bars.values()].map((bar) =>
    bar.count > 1 ? { ...bar, label: `${bar.label} (×${bar.count})` } : bar,
  )
  if (list.length <= MAX_ROWS) return list
  // Keep the slowest: that is what a durations chart is read for.
  return list.sort((a, b) => b.maxSeconds - a.maxSeconds).slice(0, MAX_ROWS)
}
