import { describe, expect, it } from 'vitest'
import { normaliseJournal } from '../journal/normalise.ts'
import { fixture } from '../../test-support/journals.ts'
import { buildMetrics, legendLabels, MAX_METRIC_CHARTS, MAX_SERIES, type MetricChart } from './metrics.ts'

/** A real run of test/prometheus/experiments/metrics-report.json, safeguard checks added from its samples. */
const METRICS = 'metrics-prometheus'

function chartNamed(charts: MetricChart[], title: string): MetricChart {
  const found = charts.find((chart) => chart.title === title)
  if (found === undefined) throw new Error(`no chart '${title}' in ${charts.map((c) => c.title).join(', ')}`)
  return found
}

function firstChart(journal: unknown): MetricChart {
  const chart = buildMetrics(normaliseJournal(journal)).charts[0]
  if (chart === undefined) throw new Error('no chart')
  return chart
}

const values = (chart: MetricChart) => chart.series.map((series) => series.points.map((point) => point.y))
const verdicts = (chart: MetricChart) => chart.series.map((series) => series.points.map((point) => point.met))

/** A journal whose method runs one chaosprometheus probe with this output, ten seconds long. */
function withOutput(output: unknown, func = 'query_interval'): unknown {
  const activity = {
    type: 'probe',
    name: 'latency',
    provider: { type: 'python', module: 'chaosprometheus.probes', func, arguments: { query: 'latency' } },
  }
  return {
    start: '2026-01-01T00:00:00Z',
    end: '2026-01-01T00:00:10Z',
    duration: 10,
    status: 'completed',
    deviated: false,
    experiment: { title: 't', method: [activity] },
    run: [
      {
        activity,
        output,
        status: 'succeeded',
        start: '2026-01-01T00:00:09Z',
        end: '2026-01-01T00:00:10Z',
        duration: 1,
      },
    ],
    rollbacks: [],
  }
}

/** A range result: one series per label value, `points` [seconds since 2026-01-01T00:00:00Z, value]. */
function matrix(series: Record<string, [number, string][]>): unknown {
  const origin = Date.UTC(2026, 0, 1) / 1000
  return {
    status: 'success',
    data: {
      resultType: 'matrix',
      result: Object.entries(series).map(([pod, points]) => ({
        metric: { __name__: 'latency', job: 'shop', pod },
        values: points.map(([at, value]) => [origin + at, value]),
      })),
    },
  }
}

describe('metric charts from a real Prometheus run', () => {
  const view = buildMetrics(normaliseJournal(fixture(METRICS)))

  it('charts every chaosprometheus probe, guard and safeguard, in the order the journal has them', () => {
    expect(view.charts.map((chart) => chart.title)).toEqual([
      'checkout-error-ratio',
      'queue-depth-last-10-seconds',
      'error-ratios-during-the-fault',
      'no-error-budget-burn',
      'safeguard · nothing-pages',
      'safeguard · checkout-errors-below-30-percent',
    ])
    expect(view.omitted).toBe(0)
    expect(view.phases.map((phase) => phase.label)).toEqual(['before', 'method', 'after', 'rollbacks'])
  })

  it('puts a hypothesis probe before and after the method, each point with its verdict and the bounds', () => {
    const chart = chartNamed(view.charts, 'checkout-error-ratio')
    expect(values(chart)).toEqual([[0.02, 0.25]])
    expect(verdicts(chart)).toEqual([[true, false]])
    expect(chart.series[0]?.label).toBe('fixture_error_ratio{service="checkout"}')
    expect(chart.bounds).toEqual({ min: undefined, max: 0.05, label: 'values_within (max 0.05)' })
    expect(chart.joined).toBe(false)
    const method = view.phases.find((phase) => phase.label === 'method')
    const [before, after] = chart.series[0]?.points ?? []
    expect(before?.x).toBeLessThan(method?.start ?? 0)
    expect(after?.x).toBeGreaterThan(method?.end ?? 0)
  })

  it('draws every sample of a range query at its time, series told apart by the labels that differ', () => {
    const chart = chartNamed(view.charts, 'error-ratios-during-the-fault')
    expect(chart.series.map((series) => series.label)).toEqual(['{service="checkout"}', '{service="search"}'])
    expect(chart.joined).toBe(true)
    expect(values(chart)[0]).toEqual([0.02, 0.02, 0.02, 0.02, 0.02, 0.25, 0.25, 0.25, 0.25])
    // One sample a second, the first ones from before the run started (the query looked back 15 s).
    const xs = chart.series[0]?.points.map((point) => point.x) ?? []
    expect(xs[0]).toBeLessThan(0)
    expect(xs.slice(1).map((x, index) => Math.round(x - (xs[index] ?? 0)))).toEqual([1, 1, 1, 1, 1, 1, 1, 1])
  })

  it('charts a mean as one point, and a range tolerance as two bounds', () => {
    const chart = chartNamed(view.charts, 'queue-depth-last-10-seconds')
    expect(chart.series.map((series) => series.label)).toEqual(['mean'])
    expect(values(chart)).toEqual([[7]])
    expect(chart.bounds).toMatchObject({ min: 1, max: 10 })
  })

  it('counts what a guard saw (series returned, alerts firing), safe at 0', () => {
    const guard = chartNamed(view.charts, 'no-error-budget-burn')
    expect([guard.kind, guard.yLabel, guard.source]).toEqual([
      'count',
      'series returned',
      'PromQL guard: fixture_error_ratio > 0.05',
    ])
    expect(values(guard)).toEqual([[0, 1]])
    expect(verdicts(guard)).toEqual([[true, false]])
    expect(guard.bounds?.max).toBe(0)
    const alerts = chartNamed(view.charts, 'safeguard · nothing-pages')
    expect([alerts.yLabel, alerts.source]).toEqual([
      'alerts firing',
      'Alertmanager alerts matching: severity="page"',
    ])
  })

  it("charts a repeating safeguard's checks as a joined line with the control's tolerance", () => {
    const chart = chartNamed(view.charts, 'safeguard · checkout-errors-below-30-percent')
    expect(chart.joined).toBe(true)
    expect(values(chart)).toEqual([[0.02, 0.02, 0.25, 0.25, 0.25]])
    expect(chart.bounds?.max).toBe(0.3)
  })

  it('lines Prometheus sample times up with a journal written in local time without a zone', () => {
    const shifted = JSON.parse(JSON.stringify(fixture(METRICS)), (key: string, value: unknown) =>
      ['start', 'end', 'at'].includes(key) && typeof value === 'string' && Number.isFinite(Date.parse(value))
        ? new Date(Date.parse(value) + 2 * 3600_000).toISOString().replace('Z', '')
        : value,
    ) as unknown
    const local = buildMetrics(normaliseJournal(shifted))
    const xs = (view_: typeof view) =>
      chartNamed(view_.charts, 'error-ratios-during-the-fault').series[0]?.points.map((p) => p.x.toFixed(3))
    expect(xs(local)).toEqual(xs(view))
  })
})

describe('metric charts stay readable', () => {
  it('leaves out NaN and infinite values and points long before the run, and says so', () => {
    const output = matrix({
      a: [
        [-3600, '1'],
        [1, 'NaN'],
        [2, '+Inf'],
        [3, '0.5'],
        [4, '0.7'],
      ],
    })
    const chart = firstChart(withOutput(output))
    expect(values(chart)).toEqual([[0.5, 0.7]])
    expect(chart.notes).toEqual([
      '1 point long before or after the run not drawn',
      '2 values NaN or infinite, not drawn',
    ])
  })

  it('thins a long series to the lowest and highest of each stretch, keeping a spike', () => {
    const points: [number, string][] = Array.from({ length: 2000 }, (_, i) => [
      i / 200,
      i === 1234 ? '99' : '1',
    ])
    const chart = firstChart(withOutput(matrix({ a: points })))
    const drawn = chart.series[0]?.points ?? []
    expect(drawn.length).toBeLessThanOrEqual(400)
    expect(Math.max(...drawn.map((point) => point.y))).toBe(99)
    expect(drawn.map((point) => point.x)).toEqual([...drawn.map((point) => point.x)].sort((a, b) => a - b))
    expect(chart.notes).toContain('long series thinned to their lowest and highest values')
  })

  it(`draws at most ${MAX_SERIES} series a chart and ${MAX_METRIC_CHARTS} charts a report`, () => {
    const series = Object.fromEntries(
      Array.from({ length: 11 }, (_, i): [string, [number, string][]] => [`pod-${i}`, [[1, String(i)]]]),
    )
    const chart = firstChart(withOutput(matrix(series)))
    expect(chart.series).toHaveLength(MAX_SERIES)
    expect(chart.notes).toContain('3 more series not drawn')

    const journal = withOutput(matrix({ a: [[1, '1']] })) as { run: { activity: { name: string } }[] }
    const run = journal.run[0]
    journal.run = Array.from({ length: 15 }, (_, i) => ({
      ...run,
      activity: { ...run?.activity, name: `p${i}` },
    }))
    const view = buildMetrics(normaliseJournal(journal))
    expect([view.charts.length, view.omitted]).toEqual([MAX_METRIC_CHARTS, 3])
  })

  it('has nothing to chart for a run without Prometheus probes or guards', () => {
    expect(buildMetrics(normaliseJournal(fixture('seed-kubernetes'))).charts).toEqual([])
  })

  it('names series on one line, by the query alone when there is one', () => {
    const labels = (pod: string) => ({ __name__: 'up', job: 'shop', pod })
    const entry = (pod: string): [string, { labels: Record<string, string>; points: [] }] => [
      `up{pod="${pod}"}`,
      { labels: labels(pod), points: [] },
    ]
    expect(legendLabels([entry('a\nb'), entry('c')], 'up')).toEqual(['{pod="a\\nb"}', '{pod="c"}'])
    expect(legendLabels([entry('a')], 'up{job="shop"}\n')).toEqual(['up{job="shop"}'])
    expect(legendLabels([['mean', { labels: undefined, points: [] }]], 'q')).toEqual(['mean'])
  })
})
