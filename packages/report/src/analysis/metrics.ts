import { seriesName, type Labels } from '@steadystate/prometheus/result'
import type { ReportJournal, RunRecord } from '../journal/types.ts'
import { oneLine, plural } from '../text/format.ts'
import type { MetricBounds } from './metric-bounds.ts'
import { collectMetrics, type MetricGroup, type MetricPoint, type SeriesPoints } from './metric-sources.ts'

export type { MetricPoint } from './metric-sources.ts'
export type { MetricBounds } from './metric-bounds.ts'

export interface MetricSeries {
  label: string
  points: MetricPoint[]
}

/** One chart: a metric probe's (or guard's) values over the run, with its tolerance where numeric. */
export interface MetricChart {
  title: string
  /** What was measured, e.g. `chaosprometheus.probes query: fixture_error_ratio`. */
  source: string
  yLabel: string
  /** `count`: a guard's series returned or alerts firing (safe at 0), drawn as steps. */
  kind: 'values' | 'count'
  /** Join the points with lines (steps for counts); else each point stands alone. */
  joined: boolean
  series: MetricSeries[]
  bounds: MetricBounds | undefined
  /** What the chart leaves out, in words (points outside the window, series beyond the legend). */
  notes: string[]
}

/** A phase of the run on the time axis: shaded behind the charts. */
export interface PhaseBand {
  label: 'before' | 'method' | 'after' | 'rollbacks'
  start: number
  end: number
}

export interface MetricsView {
  charts: MetricChart[]
  phases: PhaseBand[]
  /** Metric probes beyond the charts a report draws. */
  omitted: number
}

/** A report draws at most this many metric charts, each with at most this many series. */
export const MAX_METRIC_CHARTS = 12
export const MAX_SERIES = 8
/** A series with more points is thinned to the lowest and highest of each stretch. */
const MAX_POINTS = 400
/** Points this long before the start (or after the end) of a short run are left off. */
const MIN_MARGIN_SECONDS = 30

/**
 * The metric charts of a run: every `chaosprometheus.probes` probe (hypothesis, method, rollbacks,
 * safeguards) and every steadystate guard, with the phases of the run to shade behind them.
 */
export function buildMetrics(journal: ReportJournal): MetricsView {
  const groups = collectMetrics(journal).filter((group) => group.series.size > 0 || group.undrawable > 0)
  const duration = journal.durationSeconds ?? latestOffset(journal)
  const margin = Math.max(MIN_MARGIN_SECONDS, duration)
  const window = { from: -margin, to: duration + MIN_MARGIN_SECONDS }
  return {
    charts: groups.slice(0, MAX_METRIC_CHARTS).map((group) => chartOf(group, window)),
    phases: phaseBands(journal),
    omitted: Math.max(0, groups.length - MAX_METRIC_CHARTS),
  }
}

function chartOf(group: MetricGroup, window: { from: number; to: number }): MetricChart {
  const notes: string[] = []
  let outside = 0
  let thinned = false
  const entries = [...group.series.entries()]
  const labels = legendLabels(entries, group.yLabel)
  const series = entries.map(([, { points }], index) => {
    const label = labels[index] ?? ''
    const kept = dedupe(points.filter((point) => point.x >= window.from && point.x <= window.to))
    outside += points.length - kept.length
    const drawn = kept.length > MAX_POINTS ? thin(kept) : kept
    thinned ||= drawn.length < kept.length
    return { label, points: drawn }
  })
  if (series.length > MAX_SERIES)
    notes.push(`${plural(series.length - MAX_SERIES, 'more series', 'more series')} not drawn`)
  if (outside > 0) notes.push(`${plural(outside, 'point')} long before or after the run not drawn`)
  if (group.undrawable > 0) notes.push(`${plural(group.undrawable, 'value')} NaN or infinite, not drawn`)
  if (thinned) notes.push(`long series thinned to their lowest and highest values`)
  return {
    title: group.title,
    source: group.source,
    yLabel: group.yLabel,
    kind: group.kind,
    joined: group.joined,
    series: series.slice(0, MAX_SERIES).filter((entry) => entry.points.length > 0),
    bounds: group.bounds,
    notes,
  }
}

/**
 * Legend names that tell a chart's series apart: the labels whose values differ between them
 * (`{service="checkout"}`), not those they share (`instance`, `job`); one series is named by the
 * query that produced it. On one line: labels may hold line breaks.
 */
export function legendLabels(entries: [string, SeriesPoints][], query: string): string[] {
  const labelSets = entries.map(([, series]) => series.labels)
  const keys = new Set(labelSets.flatMap((labels) => Object.keys(labels ?? {})))
  const differing = [...keys].filter((key) => new Set(labelSets.map((labels) => labels?.[key])).size > 1)
  return entries.map(([name, { labels }]) => {
    if (labels === undefined) return name
    if (entries.length === 1) return oneLine(query)
    return oneLine(differing.length === 0 ? name : seriesName(pick(labels, differing)))
  })
}

function pick(labels: Labels, keys: string[]): Labels {
  return Object.fromEntries(keys.filter((key) => key in labels).map((key) => [key, labels[key] ?? '']))
}

/** In time order, one point per time (overlapping range queries return the same samples). */
function dedupe(points: MetricPoint[]): MetricPoint[] {
  const byTime = new Map<number, MetricPoint>()
  for (const point of points) byTime.set(point.x, point)
  return [...byTime.values()].sort((a, b) => a.x - b.x)
}

/** The lowest and highest point of each stretch, in time order: spikes survive, noise goes. */
function thin(points: MetricPoint[]): MetricPoint[] {
  const size = Math.ceil(points.length / (MAX_POINTS / 2))
  const kept: MetricPoint[] = []
  for (let start = 0; start < points.length; start += size) {
    const stretch = points.slice(start, start + size)
    const low = stretch.reduce((a, b) => (b.y < a.y ? b : a))
    const high = stretch.reduce((a, b) => (b.y > a.y ? b : a))
    kept.push(...(low === high ? [low] : low.x <= high.x ? [low, high] : [high, low]))
  }
  return kept
}

function phaseBands(journal: ReportJournal): PhaseBand[] {
  const bands: PhaseBand[] = []
  const add = (label: PhaseBand['label'], runs: RunRecord[], withPauses: boolean): void => {
    const timed = runs.filter((run) => run.startOffset !== undefined && run.endOffset !== undefined)
    if (timed.length === 0) return
    const start = Math.min(
      ...timed.map((run) => (run.startOffset ?? 0) - (withPauses ? pause(run.pauses.before) : 0)),
    )
    const end = Math.max(
      ...timed.map((run) => (run.endOffset ?? 0) + (withPauses ? pause(run.pauses.after) : 0)),
    )
    bands.push({ label, start: Math.max(0, start), end })
  }
  const played = journal.dry !== 'pause' && journal.dry !== 'activities'
  add('before', journal.hypothesis?.before?.probes ?? [], false)
  add('method', journal.method, played)
  add('after', journal.hypothesis?.after?.probes ?? [], false)
  add('rollbacks', journal.rollbacks, false)
  return bands
}

function pause(value: number | string | undefined): number {
  return typeof value === 'number' ? value : 0
}

function latestOffset(journal: ReportJournal): number {
  const ends = [...journal.method, ...journal.rollbacks].flatMap((run) => run.endOffset ?? [])
  return ends.length === 0 ? 0 : Math.max(...ends)
}
