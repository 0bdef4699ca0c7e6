import { describe, expect, it } from 'vitest'
import { normaliseJournal } from '../journal/normalise.ts'
import { fixture } from '../../test-support/journals.ts'
import { buildDurations } from './durations.ts'
import { summariseDuring } from './during.ts'
import { recoveryVictims, slowestRecovery } from './recovery.ts'
import { buildTimeline, MAX_ROWS } from './timeline.ts'

function continuous(iterations: number): unknown {
  const probe = { type: 'probe', name: 'up', tolerance: 0, provider: { type: 'process', path: 'true' } }
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000).toISOString()
  const run = (s: number, met = true) => ({
    activity: probe,
    output: { status: met ? 0 : 1 },
    start: at(s),
    status: 'succeeded',
    end: at(s + 0.01),
    duration: 0.01,
    tolerance_met: met,
  })
  return {
    start: at(0),
    end: at(iterations + 2),
    status: 'completed',
    deviated: false,
    experiment: { title: 't', 'steady-state-hypothesis': { title: 'h', probes: [probe] } },
    steady_states: {
      before: { steady_state_met: true, probes: [run(0)] },
      after: { steady_state_met: true, probes: [run(iterations + 1)] },
      during: Array.from({ length: iterations }, (_, i) => ({
        steady_state_met: i !== 5,
        probes: [run(i + 0.5, i !== 5)],
      })),
    },
    run: [
      {
        activity: {
          type: 'action',
          name: 'fault',
          provider: { type: 'process', path: 'x' },
          pauses: { after: iterations },
        },
        output: null,
        start: at(0.1),
        status: 'succeeded',
        end: at(0.2),
        duration: 0.1,
      },
    ],
    rollbacks: [],
  }
}

describe('timeline', () => {
  it('gives each run its own row in a short journal, pauses beside their activity', () => {
    const timeline = buildTimeline(normaliseJournal(fixture('seed-kubernetes')))
    expect(timeline.grouped).toBe(false)
    expect(timeline.rows).toEqual([
      'before · all-our-microservices-should-be-healthy',
      'terminate-db-pod',
      'after · all-our-microservices-should-be-healthy',
    ])
    const pause = timeline.spans.find((span) => span.kind === 'pause')
    expect(pause).toMatchObject({ row: 'terminate-db-pod' })
    expect((pause?.end ?? 0) - (pause?.start ?? 0)).toBeCloseTo(5, 6)
  })

  it('groups a long continuous hypothesis by activity, and marks unmet checks as problems', () => {
    const journal = normaliseJournal(continuous(200))
    const timeline = buildTimeline(journal)
    expect(timeline.grouped).toBe(true)
    expect(timeline.rows).toEqual(['before · up', 'fault', 'during · up', 'after · up'])
    expect(timeline.rows.length).toBeLessThanOrEqual(MAX_ROWS)
    expect(timeline.spans.filter((span) => span.kind === 'problem')).toHaveLength(1)
    const during = summariseDuring(journal)
    expect(during).toMatchObject({
      iterations: 200,
      probes: [{ name: 'up', checks: 200, met: 199, notMet: 1 }],
    })
    expect(during.problems[0]?.iteration).toBe(5)
    expect(buildDurations(journal).find((bar) => bar.label.startsWith('during'))).toMatchObject({
      count: 200,
      kind: 'problem',
    })
  })

  it('draws an interrupted run up to the interruption, without its pause after', () => {
    const timeline = buildTimeline(normaliseJournal(fixture('interrupted-i18n')))
    const action = timeline.spans.filter((span) => span.row === 'остановить-узел')
    expect(action.map((span) => span.kind)).toEqual(['pause', 'action'])
    expect(action[1]?.end).toBeCloseTo(2.35, 6)
  })
})

describe('recovery', () => {
  it('reads recovery measurements per victim', () => {
    const journal = normaliseJournal(fixture('seed-kubernetes'))
    expect(recoveryVictims(journal)).toEqual([
      {
        activity: 'terminate-db-pod',
        pod: 'my-app-2',
        replacement: 'my-app-5d9c7b-x7k2p',
        scheduledSeconds: 0.412,
        readySeconds: 2.871,
        recovered: true,
      },
    ])
    expect(slowestRecovery(journal)).toBe(2.871)
  })

  it('ignores other measurements and malformed data', () => {
    const journal = normaliseJournal({
      steadystate: {
        version: '0.1.0',
        measurements: [
          { phase: 'run', index: 0, activity: 'a', kind: 'latency', data: { victims: [{ pod: 'x' }] } },
          { phase: 'run', index: 0, activity: 'a', kind: 'recovery', data: 'not an object' },
          { phase: 'run', index: 0, activity: 'a', kind: 'recovery', data: { victims: 'none' } },
        ],
      },
    })
    expect(recoveryVictims(journal)).toEqual([])
    expect(slowestRecovery(journal)).toBeUndefined()
  })
})
