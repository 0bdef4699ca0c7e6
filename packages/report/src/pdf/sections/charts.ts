import { buildDurations } from '../../analysis/durations.ts'
import { recoveryVictims } from '../../analysis/recovery.ts'
import { buildTimeline } from '../../analysis/timeline.ts'
import type { ChartRequest, Charting } from '../../charts/charting.ts'
import { durationsChart, recoveryChart, timelineChart } from '../../charts/run-charts.ts'
import { spanLabel } from '../../palette.ts'
import { formatOffset, formatSeconds } from '../../text/format.ts'
import { drawTable } from '../table.ts'
import type { PdfWriter } from '../writer.ts'
import type { SectionContext } from './context.ts'

/** A table longer than this is cut: with charts turned off it stands in for a picture, not for the journal. */
const MAX_TABLE_ROWS = 60

/** Draws a chart at the left margin, on a new page unless it fits on this one; nothing with charts off. */
export function placeChart(writer: PdfWriter, charting: Charting, request: ChartRequest): void {
  if (charting.kind !== 'vector') return
  writer.ensure(request.heightPt + 6)
  charting.draw(request, { x: writer.left, y: writer.y })
  writer.gap(request.heightPt + 8)
}

/** Draws the chart, or, with charts turned off (`--no-charts`), the table. */
export function chartOrTable(context: SectionContext, request: ChartRequest, table: () => void): void {
  switch (context.charting.kind) {
    case 'vector':
      placeChart(context.writer, context.charting, request)
      return
    case 'off':
      table()
      return
  }
}

/** How much of what follows a heading must share its page: the chart and its caption. */
export function keepWith(context: SectionContext, request: ChartRequest): number {
  return context.charting.kind === 'vector' ? request.heightPt + 30 : 70
}

export function drawTimeline(context: SectionContext): void {
  const { writer, journal } = context
  const timeline = buildTimeline(journal)
  const chart = timelineChart(timeline, writer.width)
  writer.heading('Timeline', 1, context.outline, keepWith(context, chart))
  if (timeline.spans.length === 0) {
    writer.paragraph('No activity ran, or the journal recorded no times.')
    return
  }
  writer.paragraph(
    timeline.grouped
      ? 'Every activity run in time order, one row per activity (its runs side by side), pauses in grey.'
      : 'Every activity run in time order, pauses in grey, problems in red.',
    { size: 8.5, color: '#4b5563' },
  )
  chartOrTable(context, chart, () => {
    const spans = timeline.spans.slice(0, MAX_TABLE_ROWS)
    drawTable(
      writer,
      [
        { header: 'Activity', width: 0.46 },
        { header: 'Kind', width: 0.18 },
        { header: 'From', width: 0.18 },
        { header: 'To', width: 0.18 },
      ],
      spans.map((span) => [span.row, spanLabel(span.kind), formatOffset(span.start), formatOffset(span.end)]),
    )
    if (timeline.spans.length > spans.length)
      writer.note(`${timeline.spans.length - spans.length} more spans not listed.`)
  })
  if (timeline.untimed > 0) writer.note(`${timeline.untimed} runs have no recorded time and are not shown.`)

  const bars = buildDurations(journal)
  if (bars.length === 0) return
  const durations = durationsChart(bars, writer.width)
  writer.heading('Durations', 2, context.outline, keepWith(context, durations))
  if (bars.some((bar) => bar.count > 1)) {
    writer.paragraph(
      'Per activity: the mean duration of its runs (coloured bar) and the slowest run (grey).',
      {
        size: 8.5,
        color: '#4b5563',
      },
    )
  }
  chartOrTable(context, durations, () =>
    drawTable(
      writer,
      [
        { header: 'Activity', width: 0.52 },
        { header: 'Runs', width: 0.12 },
        { header: 'Mean', width: 0.18 },
        { header: 'Slowest', width: 0.18 },
      ],
      bars.map((bar) => [
        bar.label,
        String(bar.count),
        formatSeconds(bar.meanSeconds),
        formatSeconds(bar.maxSeconds),
      ]),
    ),
  )
}

/** Kubernetes runs: per terminated pod, how long until its replacement was scheduled and Ready. */
export function drawRecovery(context: SectionContext): void {
  const { writer, journal } = context
  const victims = recoveryVictims(journal)
  if (victims.length === 0) return
  const chart = recoveryChart(victims, writer.width)
  writer.heading('Recovery', 1, context.outline, keepWith(context, chart) + 20)
  writer.paragraph(
    'For each pod the experiment terminated: seconds from its deletion until a replacement was scheduled, and until it was Ready.',
    { size: 8.5, color: '#4b5563' },
  )
  chartOrTable(context, chart, () =>
    drawTable(
      writer,
      [
        { header: 'Pod', width: 0.3 },
        { header: 'Replacement', width: 0.3 },
        { header: 'Scheduled', width: 0.2 },
        { header: 'Ready', width: 0.2 },
      ],
      victims.map((victim) => [
        victim.pod,
        victim.replacement ?? 'none',
        formatSeconds(victim.scheduledSeconds),
        victim.recovered ? formatSeconds(victim.readySeconds) : 'not recovered',
      ]),
    ),
  )
}
