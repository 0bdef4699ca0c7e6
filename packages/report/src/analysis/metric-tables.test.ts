import { describe, expect, it } from 'vitest'
import { normaliseJournal } from '../journal/normalise.ts'
import { fixture } from '../../test-support/journals.ts'
import { metricRows, safeguardRows, safeguardSummary } from './metric-tables.ts'
import { buildMetrics } from './metrics.ts'
import { buildTimeline } from './timeline.ts'

interface Check {
  probe: string
  ok: boolean
  value: unknown
  error?: string
}

/** The Prometheus fixture, its checkout safeguard's first check failing (no answer), its last saying stop. */
function tripped(): unknown {
  const journal = fixture('metrics-prometheus') as { steadystate: { safeguards: { checks: Check[] } } }
  const checks = journal.steadystate.safeguards.checks
  const last = checks.at(-1)
  if (last !== undefined) last.ok = false
  // checks[0] is nothing-pages' pre-check.
  const first = checks[1]
  if (first !== undefined)
    Object.assign(first, { ok: false, value: null, error: 'Prometheus did not answer in 2 s' })
  return journal
}

describe('safeguards in the report', () => {
  it('sums each safeguard up: checks, how many said stop, the first stop and the last answer', () => {
    const rows = safeguardRows(safeguardSummary(normaliseJournal(fixture('metrics-prometheus'))))
    expect(rows).toEqual([
      ['nothing-pages', '1', '0', 'never', 'true'],
      ['checkout-errors-below-30-percent', '5', '0', 'never', '0.25'],
    ])
    const stopped = safeguardSummary(normaliseJournal(tripped()))
    expect(stopped[1]).toMatchObject({ checks: 5, stops: 2, last: '0.25' })
    expect(stopped[1]?.firstStop).toBeCloseTo(0.024, 2)
  })

  it('lists a declared safeguard that was never checked', () => {
    const journal = fixture('metrics-prometheus') as { steadystate: { safeguards?: unknown } }
    delete journal.steadystate.safeguards
    expect(safeguardRows(safeguardSummary(normaliseJournal(journal)))).toEqual([
      ['nothing-pages', '0', '0', 'never', 'never checked'],
      ['checkout-errors-below-30-percent', '0', '0', 'never', 'never checked'],
    ])
  })

  it('puts every check on the timeline, one row per safeguard, stops apart from go-ons', () => {
    const timeline = buildTimeline(normaliseJournal(tripped()))
    expect(timeline.rows.slice(-2)).toEqual([
      'safeguard · nothing-pages',
      'safeguard · checkout-errors-below-30-percent',
    ])
    const checks = timeline.spans.filter(
      (span) => span.row === 'safeguard · checkout-errors-below-30-percent',
    )
    expect(checks.map((span) => span.kind)).toEqual([
      'tripped',
      'safeguard',
      'safeguard',
      'safeguard',
      'tripped',
    ])
    for (const span of checks) expect(span.end).toBeGreaterThanOrEqual(span.start)
  })

  it('tabulates a metric chart for reports without charts', () => {
    const chart = buildMetrics(normaliseJournal(fixture('metrics-prometheus'))).charts[0]
    expect(chart === undefined ? [] : metricRows(chart)).toEqual([
      ['fixture_error_ratio{service="checkout"}', '2', '0.02 – 0.25', '0.25 at +4.070 s', '1'],
    ])
  })
})
