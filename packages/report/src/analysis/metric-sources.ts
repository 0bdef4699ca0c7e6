import { GUARD_OBSERVATION, type JsonValue } from '@steadystate/model'
import { samplesOf, seriesName, type Labels } from '@steadystate/prometheus/result'
import type { ProviderSummary, ReportJournal, RunRecord } from '../journal/types.ts'
import { finite, isRecord, label, record } from '../journal/read.ts'
import { parseTimestamp } from '../journal/timestamp.ts'
import { GUARD_BOUNDS, numericBounds, type MetricBounds } from './metric-bounds.ts'
import { allRuns } from './runs.ts'

/** One value at one time (seconds since the run started); `met`: the tolerance's verdict, if judged. */
export interface MetricPoint {
  x: number
  y: number
  met: boolean | undefined
}

/** One series' points; `labels`: its Prometheus labels (none for means and guard counts). */
export interface SeriesPoints {
  labels: Labels | undefined
  points: MetricPoint[]
}

/** A chart in the making: every point one probe (or safeguard) produced, by series. */
export interface MetricGroup {
  title: string
  source: string
  yLabel: string
  kind: 'values' | 'count'
  /**
   * The points sample one signal closely enough to join with lines (a range query, a safeguard
   * checked every few seconds); else each is a check on its own (a probe before and after the method).
   */
  joined: boolean
  bounds: MetricBounds | undefined
  /** Keyed by the series' full name (`seriesName`), or `mean` / `series returned` / `alerts firing`. */
  series: Map<string, SeriesPoints>
  /** Values that cannot be drawn (NaN, ±Inf). */
  undrawable: number
}

const PROMETHEUS = 'chaosprometheus.probes'
const INSTANT_OR_RANGE = new Set(['query', 'query_interval'])
const MEANS = new Set(['compute_mean', 'nodes_cpu_usage_mean'])

/**
 * The metric values of a run, grouped per probe: `chaosprometheus.probes` results (every sample of
 * `query` and `query_interval`, the numbers of `compute_mean`), what steadystate's guards observed
 * (`steadystate.guard` measurements: series returned, alerts firing), and the same for safeguard
 * checks. Prometheus sample times are placed as recorded; everything else at its run's end.
 */
export function collectMetrics(journal: ReportJournal): MetricGroup[] {
  const originMs = journal.start?.ms
  if (originMs === undefined) return []
  const groups = new Map<string, MetricGroup>()
  const group = (key: string, make: () => Omit<MetricGroup, 'series' | 'undrawable'>): MetricGroup => {
    let found = groups.get(key)
    if (found === undefined) {
      found = { ...make(), series: new Map(), undrawable: 0 }
      groups.set(key, found)
    }
    return found
  }
  const skew = clockSkew(journal, originMs)
  const sampleX = (timestamp: number): number => timestamp + skew - originMs / 1000

  for (const run of allRuns(journal)) {
    if (run.provider.type !== 'python' || run.provider.module !== PROMETHEUS) continue
    const at = run.endOffset ?? run.startOffset
    addValue(
      group(`run\u0000${run.name}\u0000${argument(run.arguments, 'query')}`, () => ({
        title: run.name,
        ...prometheusSource(run.provider, run.arguments),
        kind: 'values',
        joined: run.provider.type === 'python' && run.provider.func === 'query_interval',
        bounds: numericBounds(run.tolerance),
      })),
      run.output,
      { func: run.provider.type === 'python' ? run.provider.func : '', at, met: run.toleranceMet, sampleX },
    )
  }
  for (const measurement of journal.measurements) {
    if (measurement.kind !== GUARD_OBSERVATION) continue
    addObservation(group, `guard\u0000${measurement.activity}`, measurement.activity, measurement.data, {
      originMs,
      joined: false,
    })
  }
  for (const check of journal.safeguards?.checks ?? []) {
    const title = `safeguard · ${check.probe}`
    const declared = journal.safeguards?.declared.find((probe) => probe.name === check.probe)
    const joined = check.mode === 'repeating'
    for (const measurement of check.measurements)
      if (measurement.kind === GUARD_OBSERVATION)
        addObservation(group, `safeguard\u0000${check.probe}`, title, measurement.data, { originMs, joined })
    if (declared?.provider.type !== 'python' || declared.provider.module !== PROMETHEUS) continue
    addValue(
      group(`safeguard\u0000${check.probe}`, () => ({
        title,
        ...prometheusSource(declared.provider, declared.arguments),
        kind: 'values',
        joined,
        bounds: numericBounds(declared.tolerance),
      })),
      check.value,
      { func: declared.provider.func, at: check.atOffset, met: check.ok, sampleX },
    )
  }
  return [...groups.values()]
}

function addValue(
  target: MetricGroup,
  output: JsonValue | undefined,
  how: { func: string; at: number | undefined; met: boolean | undefined; sampleX: (ts: number) => number },
): void {
  if (MEANS.has(how.func) && typeof output === 'number' && how.at !== undefined) {
    push(target, 'mean', undefined, { x: how.at, y: output, met: how.met })
    return
  }
  if (!INSTANT_OR_RANGE.has(how.func)) return
  for (const sample of samplesOf(output) ?? []) {
    push(target, seriesName(sample.labels), sample.labels, {
      x: how.sampleX(sample.timestamp),
      y: sample.value,
      met: how.met,
    })
  }
}

function addObservation(
  group: (key: string, make: () => Omit<MetricGroup, 'series' | 'undrawable'>) => MetricGroup,
  key: string,
  title: string,
  data: JsonValue,
  { originMs, joined }: { originMs: number; joined: boolean },
): void {
  const observation = record(data)
  const at = parseTimestamp(observation.at)?.ms
  const count = finite(observation.count)
  if (at === undefined || count === undefined) return
  const alerts = observation.subject === 'alerts'
  const target = group(key, () => ({
    title,
    source: `${alerts ? 'Alertmanager alerts matching' : 'PromQL guard'}: ${label(observation.watching) ?? '?'}`,
    yLabel: alerts ? 'alerts firing' : 'series returned',
    kind: 'count',
    joined,
    bounds: GUARD_BOUNDS,
  }))
  push(target, alerts ? 'alerts firing' : 'series returned', undefined, {
    x: (at - originMs) / 1000,
    y: count,
    met: count === 0,
  })
}

function push(target: MetricGroup, series: string, labels: Labels | undefined, point: MetricPoint): void {
  if (!Number.isFinite(point.y)) {
    target.undrawable++
    return
  }
  const entry = target.series.get(series) ?? { labels, points: [] }
  entry.points.push(point)
  target.series.set(series, entry)
}

function prometheusSource(
  provider: ProviderSummary,
  args: JsonValue | undefined,
): { source: string; yLabel: string } {
  const func = provider.type === 'python' ? provider.func : '?'
  const query = argument(args, 'query') || (func === 'nodes_cpu_usage_mean' ? 'node CPU use (%)' : '?')
  const window = argument(args, 'window')
  return {
    source: `${PROMETHEUS} ${func}: ${query}${window === '' ? '' : ` over ${window}`}`,
    yLabel: MEANS.has(func) ? `mean of ${query}` : query,
  }
}

function argument(args: JsonValue | undefined, name: string): string {
  return isRecord(args) ? (label(args[name]) ?? '') : ''
}

/**
 * Seconds to add to Prometheus's (UTC) sample times so they line up with a journal whose times have
 * no zone (chaoslib before 1.43.1 wrote local time): the difference between an instant query's
 * run and its sample, rounded to a quarter hour (a time zone), else 0.
 */
function clockSkew(journal: ReportJournal, originMs: number): number {
  if (journal.start?.zone !== 'naive') return 0
  const run = allRuns(journal).find(
    (candidate: RunRecord) =>
      candidate.provider.type === 'python' &&
      candidate.provider.module === PROMETHEUS &&
      candidate.provider.func === 'query' &&
      argument(candidate.arguments, 'when') === '' &&
      candidate.startOffset !== undefined,
  )
  const sample = samplesOf(run?.output)?.[0]
  if (run?.startOffset === undefined || sample === undefined) return 0
  const difference = originMs / 1000 + run.startOffset - sample.timestamp
  const zone = Math.round(difference / 900) * 900
  return Math.abs(difference - zone) < 120 ? zone : 0
}
