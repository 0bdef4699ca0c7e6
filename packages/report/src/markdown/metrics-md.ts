import { buildMetrics } from '../analysis/metrics.ts'
import {
  METRIC_COLUMNS,
  metricRows,
  SAFEGUARD_COLUMNS,
  safeguardRows,
  safeguardSummary,
} from '../analysis/metric-tables.ts'
import type { ReportJournal } from '../journal/types.ts'
import { code, inline, table } from './md.ts'

/**
 * The metrics a run measured and what its safeguards answered, as tables (a job summary has no
 * charts: the PDF and HTML reports draw them). Empty for runs with neither.
 */
export function metricsMarkdown(journal: ReportJournal, h: string, maxRows: number): string {
  const parts: string[] = []
  const view = buildMetrics(journal)
  const rows = view.charts.flatMap((chart) =>
    metricRows(chart).map(([series = '', ...rest]) => [inline(chart.title), code(series), ...rest]),
  )
  if (rows.length > 0)
    parts.push(`${h}# Metrics\n\n${table(['Probe', ...METRIC_COLUMNS], rows, maxRows, 'series')}`)
  const safeguards = safeguardRows(safeguardSummary(journal)).map(([probe = '', ...rest]) => [
    inline(probe),
    ...rest.slice(0, -1),
    code(rest.at(-1) ?? ''),
  ])
  if (safeguards.length > 0)
    parts.push(`${h}# Safeguards\n\n${table(SAFEGUARD_COLUMNS, safeguards, maxRows, 'safeguards')}`)
  return parts.join('\n\n')
}
