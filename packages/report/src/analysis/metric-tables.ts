import type { JsonValue } from '@steadystate/model'
import { samplesOf } from '@steadystate/prometheus/result'
import type { ReportJournal } from '../journal/types.ts'
import { compactJson, formatOffset } from '../text/format.ts'
import type { MetricChart } from './metrics.ts'

/** A metric chart as table rows (reports without charts): per series its points, range and last value. */
export function metricRows(chart: MetricChart): string[][] {
  return chart.series.map((series) => {
    const values = series.points.map((point) => point.y)
    const [lowest, highest] = [Math.min(...values), Math.max(...values)]
    const last = series.points.at(-1)
    const notMet = series.points.filter((point) => point.met === false).length
    return [
      series.label,
      String(series.points.length),
      values.length === 0 ? 'n/a' : lowest === highest ? String(lowest) : `${lowest} – ${highest}`,
      last === undefined ? 'n/a' : `${last.y} at ${formatOffset(last.x)}`,
      String(notMet),
    ]
  })
}

export const METRIC_COLUMNS = ['Series', 'Points', 'Lowest – highest', 'Last', 'Not met']

/** Per safeguard probe: how often it was checked, how often it said stop, and when first. */
export interface SafeguardSummary {
  probe: string
  checks: number
  stops: number
  firstStop: number | undefined
  /** The last answer: its value, or why the probe failed. */
  last: string
}

export function safeguardSummary(journal: ReportJournal): SafeguardSummary[] {
  const byProbe = new Map<string, SafeguardSummary>()
  for (const declared of journal.safeguards?.declared ?? [])
    byProbe.set(declared.name, {
      probe: declared.name,
      checks: 0,
      stops: 0,
      firstStop: undefined,
      last: 'never checked',
    })
  for (const check of journal.safeguards?.checks ?? []) {
    const entry = byProbe.get(check.probe) ?? {
      probe: check.probe,
      checks: 0,
      stops: 0,
      firstStop: undefined,
      last: '',
    }
    entry.checks++
    if (!check.ok) {
      entry.stops++
      if (entry.firstStop === undefined && check.atOffset !== undefined) entry.firstStop = check.atOffset
    }
    entry.last = check.error ?? describeAnswer(check.value)
    byProbe.set(check.probe, entry)
  }
  return [...byProbe.values()]
}

/** A Prometheus answer as its values (`0.25`, `0.02, 0.25`), anything else as compact JSON. */
function describeAnswer(value: JsonValue): string {
  const samples = samplesOf(value)
  if (samples === undefined) return compactJson(value, 120)
  if (samples.length === 0) return 'no series'
  return compactJson(samples.map((sample) => String(sample.value)).join(', '), 120)
}

export const SAFEGUARD_COLUMNS = ['Safeguard', 'Checks', 'Said stop', 'First stop', 'Last answer']

export function safeguardRows(summary: SafeguardSummary[]): string[][] {
  return summary.map((entry) => [
    entry.probe,
    String(entry.checks),
    String(entry.stops),
    entry.firstStop === undefined ? 'never' : formatOffset(entry.firstStop),
    entry.last,
  ])
}
