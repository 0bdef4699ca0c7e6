import type { Chart, ChartConfiguration, ChartDataset, Plugin } from 'chart.js'
import { escapeControls } from '@steadystate/core'
import type { MetricChart, PhaseBand } from '../analysis/metrics.ts'
import { oneLine, truncate } from '../text/format.ts'
import type { VectorContext } from './canvas/context.ts'
import type { ChartRequest } from './charting.ts'

type Point = { x: number; y: number }

/** Series colours, distinct in print; red is kept for checks whose tolerance was not met. */
const SERIES_COLOURS = [
  '#2563eb',
  '#0d9488',
  '#ea580c',
  '#7c3aed',
  '#ca8a04',
  '#db2777',
  '#4b5563',
  '#16a34a',
]
export const NOT_MET_COLOUR = '#dc2626'
export const BOUND_COLOUR = '#b91c1c'
export const PHASE_FILLS: Record<PhaseBand['label'], string> = {
  before: '#eff6ff',
  method: '#fff7ed',
  after: '#eff6ff',
  rollbacks: '#f5f3ff',
}

/**
 * A metric probe's values over the run: one line per series, each point a sample (red where the
 * check's tolerance was not met), the tolerance's bounds dashed, and the phases of the run shaded
 * behind (before / method / after / rollbacks). Points are joined only where they sample one signal
 * closely (see MetricChart.joined), counts (guards) as steps.
 */
export function metricChart(chart: MetricChart, phases: PhaseBand[], widthPt: number): ChartRequest {
  return { config: metricChartConfig(chart, phases), widthPt, heightPt: 200 }
}

export function metricChartConfig(
  chart: MetricChart,
  phases: PhaseBand[],
): ChartConfiguration<'line', Point[]> {
  const xs = chart.series.flatMap((series) => series.points.map((point) => point.x))
  // Whole seconds at the ends: the axis's first and last ticks are labelled with them.
  const xMin = Math.floor(Math.min(0, ...xs))
  const xMax = Math.ceil(Math.max(...xs, ...phases.map((phase) => phase.end)))
  const datasets: ChartDataset<'line', Point[]>[] = chart.series.map((series, index) => {
    const colour = SERIES_COLOURS[index % SERIES_COLOURS.length] ?? '#2563eb'
    return {
      label: chartText(series.label, 60),
      data: series.points.map(({ x, y }) => ({ x, y })),
      borderColor: colour,
      backgroundColor: colour,
      pointBackgroundColor: series.points.map((point) => (point.met === false ? NOT_MET_COLOUR : colour)),
      pointBorderColor: series.points.map((point) => (point.met === false ? NOT_MET_COLOUR : colour)),
      pointRadius: chart.joined && series.points.length > 120 ? 0 : chart.joined ? 2.2 : 3,
      borderWidth: 1.4,
      showLine: chart.joined,
      // A count holds until the next check saw another.
      stepped: chart.kind === 'count' ? 'before' : false,
    }
  })
  const bounds = chart.bounds
  if (bounds !== undefined) {
    const line = (value: number, name: string): ChartDataset<'line', Point[]> => ({
      label: name,
      data: [
        { x: xMin, y: value },
        { x: xMax, y: value },
      ],
      borderColor: BOUND_COLOUR,
      backgroundColor: BOUND_COLOUR,
      borderDash: [4, 3],
      borderWidth: 1,
      pointRadius: 0,
    })
    if (bounds.min === undefined || bounds.max === undefined || bounds.min === bounds.max) {
      const only = bounds.max ?? bounds.min
      if (only !== undefined) datasets.push(line(only, `tolerance ${bounds.label}`))
    } else
      datasets.push(
        line(bounds.max, `tolerance ${bounds.label}: highest`),
        line(bounds.min, `tolerance ${bounds.label}: lowest`),
      )
  }
  return {
    type: 'line',
    data: { datasets },
    options: {
      scales: {
        x: {
          type: 'linear',
          min: xMin,
          max: xMax,
          title: { display: true, text: 'seconds since the start of the run' },
        },
        y: {
          type: 'linear',
          grace: '8%',
          ...(chart.kind === 'count' ? { min: 0, ticks: { precision: 0 } } : {}),
          title: { display: true, text: chartText(chart.yLabel, 70) },
        },
      },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 10, boxHeight: 8 } } },
    },
    plugins: [phaseShading(phases)],
  }
}

/** Shades each phase of the run behind the lines, its name at the top. */
function phaseShading(phases: PhaseBand[]): Plugin<'line'> {
  return {
    id: 'steadystate-phases',
    beforeDatasetsDraw(chart: Chart<'line'>) {
      const { chartArea, scales } = chart
      // chart.js types its context as the DOM's, which this package (no DOM library) cannot see;
      // the report always draws on its own vector canvas.
      const ctx = chart.ctx as unknown as VectorContext
      const x = scales.x
      if (x === undefined) return
      ctx.save()
      for (const phase of phases) {
        const left = Math.max(chartArea.left, x.getPixelForValue(phase.start))
        const right = Math.min(chartArea.right, x.getPixelForValue(phase.end))
        if (right - left < 0.5) continue
        ctx.fillStyle = PHASE_FILLS[phase.label]
        ctx.fillRect(left, chartArea.top, right - left, chartArea.bottom - chartArea.top)
        ctx.fillStyle = '#6b7280'
        ctx.font = '6.5px Noto Sans'
        ctx.textAlign = 'left'
        ctx.textBaseline = 'top'
        ctx.fillText(phase.label, left + 2, chartArea.top + 2, right - left - 3)
      }
      ctx.restore()
    },
  }
}

/** Text from the system under test on a chart: one line, controls shown as `\uXXXX`, trimmed. */
function chartText(text: string, max: number): string {
  return truncate(escapeControls(oneLine(text)), max)
}
