import type { Charting } from '../../charts/charting.ts'
import { trendOutcomeChart, trendTimesChart } from '../../charts/trend-charts.ts'
import type { ReportJournal } from '../../journal/types.ts'
import { buildTrend, describeTrendCounts } from '../../analysis/trends.ts'
import { verdictHeadline } from '../../journal/verdict-kinds.ts'
import { verdictColour } from '../../palette.ts'
import { formatSeconds } from '../../text/format.ts'
import type { Outline } from '../pdfkit-types.ts'
import { drawTable } from '../table.ts'
import { placeChart } from './charts.ts'
import type { PdfWriter } from '../writer.ts'

/** The opening pages of a report over several journals: pass/fail and times, run after run. */
export function drawTrends(
  writer: PdfWriter,
  journals: ReportJournal[],
  charting: Charting,
  outline: Outline,
  title: string,
): void {
  const points = buildTrend(journals)
  outline.addItem('Trends')
  writer.paragraph(title, { font: 'bold', size: 18 }, 4)
  writer.paragraph(
    describeTrendCounts(points) +
      (points[0] === undefined ? '' : ` From ${points[0].when} to ${points.at(-1)?.when ?? ''} (UTC).`),
    { size: 10.5 },
    10,
  )
  placeChart(writer, charting, trendOutcomeChart(points, writer.width))
  const times = trendTimesChart(points, writer.width)
  if (times !== undefined) placeChart(writer, charting, times)
  drawTable(
    writer,
    [
      { header: '#', width: 0.05 },
      { header: 'When (UTC)', width: 0.17 },
      { header: 'Experiment', width: 0.3 },
      { header: 'Verdict', width: 0.18 },
      { header: 'Duration', width: 0.1 },
      { header: 'Method', width: 0.1 },
      { header: 'Recovery', width: 0.1 },
    ],
    points.map((point, index) => [
      String(index + 1),
      point.when,
      point.title,
      { text: verdictHeadline(point.verdict), font: 'bold', color: verdictColour(point.verdict) },
      formatSeconds(point.durationSeconds),
      formatSeconds(point.methodSeconds),
      point.recoverySeconds === undefined ? 'n/a' : formatSeconds(point.recoverySeconds),
    ]),
  )
}
