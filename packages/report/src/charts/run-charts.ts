import type { ChartConfiguration, ChartDataset } from 'chart.js'
import type { DurationBar } from '../analysis/durations.ts'
import type { VictimRecovery } from '../analysis/recovery.ts'
import type { SpanKind, Timeline } from '../analysis/timeline.ts'
import { spanColour, spanLabel } from '../palette.ts'
import type { ChartRequest } from './charting.ts'

const SPAN_KINDS: SpanKind[] = [
  'hypothesis',
  'action',
  'probe',
  'pause',
  'rollback',
  'problem',
  'safeguard',
  'tripped',
]
const ROW_HEIGHT = 13

/** Chart heights grow with their rows, within what fits on one page with a heading. */
function heightFor(rows: number, extra: number): number {
  return Math.min(640, Math.max(120, rows * ROW_HEIGHT + extra))
}

const axisTitle = (text: string) => ({ display: true, text, font: { size: 7.5 } })

/** The Gantt chart: one floating bar per activity run (and pause), rows top to bottom in time order. */
export function timelineChart(timeline: Timeline, widthPt: number): ChartRequest {
  const datasets: ChartDataset<'bar', { x: [number, number]; y: string }[]>[] = []
  for (const kind of SPAN_KINDS) {
    const data = timeline.spans
      .filter((span) => span.kind === kind)
      .map((span) => ({ x: [span.start, span.end] as [number, number], y: span.row }))
    if (data.length === 0) continue
    datasets.push({
      label: spanLabel(kind),
      data,
      backgroundColor: spanColour(kind),
      grouped: false,
      // chart.js draws lower `order` on top: problems over everything, pauses underneath.
      order: kind === 'problem' || kind === 'tripped' ? 0 : kind === 'pause' ? 2 : 1,
      barPercentage: 0.72,
      categoryPercentage: 1,
      minBarLength: 2,
    })
  }
  const config: ChartConfiguration<'bar', { x: [number, number]; y: string }[], string> = {
    type: 'bar',
    data: { labels: timeline.rows, datasets },
    options: {
      indexAxis: 'y',
      scales: {
        x: { type: 'linear', min: 0, title: axisTitle('seconds since the start of the run') },
        y: { type: 'category', ticks: { autoSkip: false } },
      },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 10, boxHeight: 8 } } },
    },
  }
  return { config: config, widthPt, heightPt: heightFor(timeline.rows.length, 70) }
}

/** Durations per activity run; for grouped journals, the mean and the slowest run per activity. */
export function durationsChart(bars: DurationBar[], widthPt: number): ChartRequest {
  const grouped = bars.some((bar) => bar.count > 1)
  const datasets: ChartDataset<'bar', number[]>[] = [
    {
      label: grouped ? 'mean' : 'duration',
      data: bars.map((bar) => bar.meanSeconds),
      backgroundColor: bars.map((bar) => spanColour(bar.kind)),
      minBarLength: 2,
    },
  ]
  if (grouped) {
    datasets.push({
      label: 'slowest',
      data: bars.map((bar) => bar.maxSeconds),
      backgroundColor: '#9ca3af',
      minBarLength: 2,
    })
  }
  const config: ChartConfiguration<'bar', number[], string> = {
    type: 'bar',
    data: { labels: bars.map((bar) => bar.label), datasets },
    options: {
      indexAxis: 'y',
      scales: { x: { min: 0, title: axisTitle('seconds') }, y: { ticks: { autoSkip: false } } },
      // Bar colours follow the activity kind, which a legend cannot show; the caption explains.
      plugins: { legend: { display: false } },
    },
  }
  return {
    config: config,
    widthPt,
    heightPt: heightFor(bars.length * (grouped ? 1.4 : 1), 50),
  }
}

/** Per terminated pod: seconds until its replacement was scheduled, and until it was Ready. */
export function recoveryChart(victims: VictimRecovery[], widthPt: number): ChartRequest {
  const labels = victims.map(
    (victim) =>
      `${victim.pod} › ${victim.replacement ?? 'no replacement'}${victim.recovered ? '' : ' (not recovered)'}`,
  )
  const config: ChartConfiguration<'bar', (number | null)[], string> = {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          label: 'scheduled',
          data: victims.map((v) => v.scheduledSeconds ?? null),
          backgroundColor: '#93c5fd',
        },
        { label: 'ready', data: victims.map((v) => v.readySeconds ?? null), backgroundColor: '#1d4ed8' },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: {
        x: { min: 0, title: axisTitle('seconds after the pod was deleted') },
        y: { ticks: { autoSkip: false } },
      },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 10, boxHeight: 8 } } },
    },
  }
  return { config: config, widthPt, heightPt: heightFor(victims.length * 2, 60) }
}
