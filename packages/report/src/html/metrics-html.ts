import { buildMetrics } from '../analysis/metrics.ts'
import {
  METRIC_COLUMNS,
  metricRows,
  SAFEGUARD_COLUMNS,
  safeguardRows,
  safeguardSummary,
} from '../analysis/metric-tables.ts'
import type { ChartRequest } from '../charts/charting.ts'
import { metricChart } from '../charts/metric-charts.ts'
import type { ReportJournal } from '../journal/types.ts'
import { plural } from '../text/format.ts'
import { esc, htmlTable } from './html.ts'

/**
 * The metrics (a chart per metric probe, or its table without charts) and the safeguards' answers,
 * as in the PDF. Empty for runs with neither.
 */
export function metricsHtml(
  journal: ReportJournal,
  chart: ((request: ChartRequest) => string) | undefined,
  widthPt: number,
): string {
  const view = buildMetrics(journal)
  const parts: string[] = []
  if (view.charts.length > 0) {
    parts.push(
      `<h2>Metrics</h2><p class="caption">Each metric probe's values over the run: before, during and after the method (shaded), its tolerance dashed where it is numeric. Red points are checks whose tolerance was not met.</p>`,
    )
    for (const metric of view.charts) {
      const body =
        chart === undefined
          ? htmlTable(METRIC_COLUMNS, metricRows(metric))
          : chart(metricChart(metric, view.phases, widthPt))
      const notes = metric.notes.map((note) => `<p class="caption">${esc(note)}</p>`).join('')
      parts.push(`<h3>${esc(metric.title)}</h3><p class="caption">${esc(metric.source)}</p>${body}${notes}`)
    }
    if (view.omitted > 0)
      parts.push(`<p class="caption">${esc(plural(view.omitted, 'more metric probe'))} not charted.</p>`)
  }
  const safeguards = safeguardSummary(journal)
  if (safeguards.length > 0)
    parts.push(`<h2>Safeguards</h2>${htmlTable(SAFEGUARD_COLUMNS, safeguardRows(safeguards))}`)
  return parts.join('\n')
}
