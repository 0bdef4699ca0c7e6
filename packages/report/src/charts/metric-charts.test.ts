import { describe, expect, it } from 'vitest'
import { buildMetrics, type MetricChart } from '../analysis/metrics.ts'
import { normaliseJournal } from '../journal/normalise.ts'
import { resolveFonts } from '../pdf/fonts.ts'
import { fixture } from '../../test-support/journals.ts'
import { svgCharting } from './charting.ts'
import { BOUND_COLOUR, metricChart, metricChartConfig, NOT_MET_COLOUR, PHASE_FILLS } from './metric-charts.ts'

const svg = await svgCharting(resolveFonts())
const view = buildMetrics(normaliseJournal(fixture('metrics-prometheus')))

const texts = (chart: string): string[] =>
  [...chart.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '')
const rgb = (hex: string): string =>
  `rgb(${[1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)).join(',')})`

function chartNamed(title: string): MetricChart {
  const chart = view.charts.find((candidate) => candidate.title === title)
  if (chart === undefined) throw new Error(`no chart '${title}'`)
  return chart
}

describe('metric charts on the vector canvas', () => {
  it('draws a probe checked before and after the method as points, the unmet one red, the bound dashed', () => {
    const [series, bound] = metricChartConfig(chartNamed('checkout-error-ratio'), view.phases).data.datasets
    expect(series?.showLine).toBe(false)
    expect(series?.pointBackgroundColor).toEqual(['#2563eb', NOT_MET_COLOUR])
    expect([bound?.label, bound?.borderColor, bound?.borderDash]).toEqual([
      'tolerance values_within (max 0.05)',
      BOUND_COLOUR,
      [4, 3],
    ])
    const chart = svg(metricChart(chartNamed('checkout-error-ratio'), view.phases, 495))
    expect(texts(chart)).toEqual(
      expect.arrayContaining([
        'seconds since the start of the run',
        'fixture_error_ratio{service=&#34;checkout&#34;}',
        'tolerance values_within (max 0.05)',
        'method',
      ]),
    )
    expect(chart).toContain(rgb(NOT_MET_COLOUR))
    expect(chart).toContain(rgb(PHASE_FILLS.method))
  })

  it('joins a range query, names a range tolerance by its two bounds, steps a guard count', () => {
    const range = metricChartConfig(chartNamed('error-ratios-during-the-fault'), view.phases)
    expect(range.data.datasets.map((dataset) => [dataset.label, dataset.showLine])).toEqual([
      ['{service="checkout"}', true],
      ['{service="search"}', true],
    ])
    const mean = metricChartConfig(chartNamed('queue-depth-last-10-seconds'), view.phases)
    expect(mean.data.datasets.map((dataset) => dataset.label)).toEqual([
      'mean',
      'tolerance range [1, 10]: highest',
      'tolerance range [1, 10]: lowest',
    ])
    const guard = metricChartConfig(chartNamed('no-error-budget-burn'), view.phases)
    expect(guard.data.datasets.map((dataset) => [dataset.label, dataset.stepped])).toEqual([
      ['series returned', 'before'],
      ['tolerance safe at 0', undefined],
    ])
  })

  it('trims long series names in the legend', () => {
    const chart = chartNamed('checkout-error-ratio')
    const long = { ...chart, series: chart.series.map((series) => ({ ...series, label: 'x'.repeat(200) })) }
    const label = metricChartConfig(long, view.phases).data.datasets[0]?.label ?? ''
    expect([label.length, label.endsWith('…')]).toEqual([60, true])
  })
})
