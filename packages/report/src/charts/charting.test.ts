import { describe, expect, it } from 'vitest'
import { buildDurations } from '../analysis/durations.ts'
import { recoveryVictims } from '../analysis/recovery.ts'
import { buildTimeline } from '../analysis/timeline.ts'
import { buildTrend } from '../analysis/trends.ts'
import { normaliseJournal } from '../journal/normalise.ts'
import { resolveFonts } from '../pdf/fonts.ts'
import { spanColour, verdictColour } from '../palette.ts'
import { fixture } from '../../test-support/journals.ts'
import { svgCharting } from './charting.ts'
import { durationsChart, recoveryChart, timelineChart } from './run-charts.ts'
import { trendOutcomeChart, trendTimesChart } from './trend-charts.ts'

const svg = await svgCharting(resolveFonts())
const seed = normaliseJournal(fixture('seed-kubernetes'))
const journals = ['seed-kubernetes', 'chaos-inline-secret', 'interrupted-i18n'].map((name) =>
  normaliseJournal(fixture(name)),
)

/** The texts of an SVG chart, in drawing order. */
const texts = (chart: string): string[] =>
  [...chart.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '')
const fill = (hex: string): string =>
  `fill="rgb(${[1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)).join(',')})"`

describe('the report charts on the vector canvas', () => {
  it('timeline: a floating bar per activity run, rows labelled, a time axis and a legend', () => {
    const chart = svg(timelineChart(buildTimeline(seed), 495))
    expect(texts(chart)).toEqual(
      expect.arrayContaining([
        'before · all-our-microservices-should-be-healthy',
        'terminate-db-pod',
        'seconds since the start of the run',
        'hypothesis probe',
        'action',
        'pause',
        '0',
        '5',
      ]),
    )
    expect(chart).toContain(fill(spanColour('hypothesis')))
    expect(chart).toContain(fill(spanColour('action')))
    expect(chart).toContain(fill(spanColour('pause')))
  })

  it('durations: one bar per activity, coloured by kind', () => {
    const chart = svg(durationsChart(buildDurations(seed), 495))
    expect(texts(chart)).toEqual(expect.arrayContaining(['terminate-db-pod', 'seconds', '0.25']))
    expect(chart).toContain(fill(spanColour('action')))
  })

  it('recovery: scheduled and ready per terminated pod', () => {
    const chart = svg(recoveryChart(recoveryVictims(seed), 495))
    expect(texts(chart)).toEqual(
      expect.arrayContaining([
        'my-app-2 › my-app-5d9c7b-x7k2p',
        'seconds after the pod was deleted',
        'scheduled',
        'ready',
      ]),
    )
    expect(chart).toContain(fill('#93c5fd'))
    expect(chart).toContain(fill('#1d4ed8'))
  })

  it('trends: run durations coloured by verdict, and method and recovery times as lines', () => {
    const points = buildTrend(journals)
    const outcome = svg(trendOutcomeChart(points, 495))
    expect(texts(outcome)).toEqual(
      expect.arrayContaining([
        '#1 2024-03-02 14:05',
        'run duration (s)',
        expect.stringMatching(/^Run duration;/),
      ]),
    )
    for (const point of points) expect(outcome).toContain(fill(verdictColour(point.verdict)))
    const times = trendTimesChart(points, 495)
    if (times === undefined) throw new Error('expected a times chart: the seed has a recovery time')
    const lines = svg(times)
    expect(texts(lines)).toEqual(
      expect.arrayContaining([
        'Method duration and recovery time',
        'method duration (s)',
        'slowest pod recovery (s)',
      ]),
    )
    // The method-duration line and its points (arcs, drawn as curves).
    expect(lines).toMatch(/<path d="M[^"]*L[^"]*" fill="none" stroke="rgb\(234,88,12\)"/)
    expect(lines).toMatch(/<path d="M[^"]*C[^"]*Z" fill="rgb\(234,88,12\)"/)
  })
})
