import { buildMetrics } from '../../analysis/metrics.ts'
import {
  METRIC_COLUMNS,
  metricRows,
  SAFEGUARD_COLUMNS,
  safeguardRows,
  safeguardSummary,
} from '../../analysis/metric-tables.ts'
import { metricChart } from '../../charts/metric-charts.ts'
import { plural } from '../../text/format.ts'
import { drawTable } from '../table.ts'
import { chartOrTable, keepWith } from './charts.ts'
import type { SectionContext } from './context.ts'

const CAPTION = { size: 8.5, color: '#4b5563' }

/**
 * Runs with Prometheus probes or steadystate guards: each one's values over the run, the phases
 * shaded and the tolerance dashed; then, when the experiment has safeguards, what they answered.
 */
export function drawMetrics(context: SectionContext): void {
  const { writer, journal } = context
  const view = buildMetrics(journal)
  const requests = view.charts.map((chart) => ({
    chart,
    request: metricChart(chart, view.phases, writer.width),
  }))
  const first = requests[0]
  if (first !== undefined) {
    const outline = writer.heading('Metrics', 1, context.outline, keepWith(context, first.request) + 30)
    writer.paragraph(
      "Each metric probe's values over the run: before, during and after the method (shaded), its " +
        'tolerance dashed where it is numeric. Red points are checks whose tolerance was not met.',
      CAPTION,
    )
    for (const { chart, request } of requests) {
      writer.heading(chart.title, 2, outline, keepWith(context, request) + 14)
      writer.paragraph(chart.source, { size: 8, color: '#6b7280' })
      chartOrTable(context, request, () =>
        drawTable(
          writer,
          METRIC_COLUMNS.map((header, index) => ({ header, width: [0.4, 0.1, 0.2, 0.2, 0.1][index] ?? 0.1 })),
          metricRows(chart),
        ),
      )
      for (const note of chart.notes) writer.note(note)
    }
    if (view.omitted > 0) writer.note(`${plural(view.omitted, 'more metric probe')} not charted.`)
  }
  const safeguards = safeguardSummary(journal)
  if (safeguards.length === 0) return
  writer.heading('Safeguards', 1, context.outline, 90)
  writer.paragraph(
    'What each safeguard answered during the run; every check is also on the timeline (green: go on, red: stop).',
    CAPTION,
  )
  drawTable(
    writer,
    SAFEGUARD_COLUMNS.map((header, index) => ({ header, width: [0.3, 0.1, 0.12, 0.14, 0.34][index] ?? 0.1 })),
    safeguardRows(safeguards),
  )
}
