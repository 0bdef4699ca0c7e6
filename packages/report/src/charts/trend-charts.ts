import type { ChartConfiguration } from 'chart.js'
import type { TrendPoint } from '../analysis/trends.ts'
import { verdictColour } from '../palette.ts'
import type { ChartRequest } from './charting.ts'

const legend = { position: 'bottom' as const, labels: { boxWidth: 10, boxHeight: 8 } }

/** Axis labels for runs: the date, numbered when several runs share a minute. */
function runLabels(points: TrendPoint[]): string[] {
  return points.map((point, index) => `#${index + 1} ${point.when}`)
}

/** Each run's duration, its bar coloured by verdict: pass/fail and duration over time in one chart. */
export function trendOutcomeChart(points: TrendPoint[], widthPt: number): ChartRequest {
  const value = (passed: boolean) =>
    points.map((p) => (p.passed === passed ? (p.durationSeconds ?? 0) : null))
  const config: ChartConfiguration<'bar', (number | null)[], string> = {
    type: 'bar',
    data: {
      labels: runLabels(points),
      datasets: [
        {
          label: 'held',
          data: value(true),
          backgroundColor: points.map((p) => verdictColour(p.verdict)),
          grouped: false,
          minBarLength: 2,
        },
        {
          label: 'did not hold',
          data: value(false),
          backgroundColor: points.map((p) => verdictColour(p.verdict)),
          grouped: false,
          minBarLength: 2,
        },
      ],
    },
    options: {
      scales: {
        y: { min: 0, title: { display: true, text: 'run duration (s)' } },
        x: { ticks: { maxRotation: 60, autoSkip: true } },
      },
      plugins: {
        legend: { display: false },
        title: {
          display: true,
          text: 'Run duration; the colour of each bar is its verdict (see the table)',
        },
      },
    },
  }
  return { config: config, widthPt, heightPt: 220 }
}

/** Method duration and slowest recovery per run, as lines: are we getting slower to recover? */
export function trendTimesChart(points: TrendPoint[], widthPt: number): ChartRequest | undefined {
  const method = points.map((p) => p.methodSeconds ?? null)
  const recovery = points.map((p) => p.recoverySeconds ?? null)
  const hasRecovery = recovery.some((v) => v !== null)
  if (!hasRecovery && method.every((v) => v === null)) return undefined
  const datasets: ChartConfiguration<'line', (number | null)[], string>['data']['datasets'] = [
    {
      label: 'method duration (s)',
      data: method,
      borderColor: '#ea580c',
      backgroundColor: '#ea580c',
      spanGaps: true,
    },
  ]
  if (hasRecovery) {
    datasets.push({
      label: 'slowest pod recovery (s)',
      data: recovery,
      borderColor: '#1d4ed8',
      backgroundColor: '#1d4ed8',
      spanGaps: true,
    })
  }
  const config: ChartConfiguration<'line', (number | null)[], string> = {
    type: 'line',
    data: { labels: runLabels(points), datasets },
    options: {
      scales: { y: { min: 0, title: { display: true, text: 'seconds' } }, x: { ticks: { maxRotation: 60 } } },
      plugins: {
        legend,
        title: { display: true, text: hasRecovery ? 'Method duration and recovery time' : 'Method duration' },
      },
    },
  }
  return { config: config, widthPt, heightPt: 200 }
}
