import type { ActivityRun, Journal, VerdictKind } from '@steadystate/model'
import { describe, expect, it } from 'vitest'
import { runAnnotations } from './annotations.ts'

function activity(
  name: string,
  status: 'succeeded' | 'failed',
  extra: Partial<ActivityRun> = {},
): ActivityRun {
  return {
    activity: { type: 'action', name, provider: { type: 'process', path: 'true' } },
    output: null,
    start: '2026-11-25T00:00:00',
    status,
    ...extra,
  }
}

function journal(kind: VerdictKind, parts: Partial<Journal> = {}): Journal {
  return {
    'chaoslib-version': '1.45.0',
    platform: 'linux',
    node: 'runner',
    experiment: {},
    start: '2026-11-25T00:00:00',
    status: 'completed',
    deviated: kind === 'deviated',
    steady_states: { before: null, after: null, during: [] },
    run: [],
    rollbacks: [],
    end: '2026-11-25T00:00:01',
    duration: 1,
    steadystate: {
      version: '0.1.0',
      runtime: 'node',
      options: {
        rollbackStrategy: 'default',
        hypothesisStrategy: 'default',
        hypothesisFrequency: 1,
        failFast: false,
        dry: null,
      },
      verdict: { kind, summary: `verdict ${kind}` },
      warnings: [],
      rollbacks: { strategy: 'default', played: true, reason: 'x' },
      redactions: 0,
      measurements: [],
    },
    ...parts,
  }
}

describe('runAnnotations', () => {
  it('a held run that passes: one notice', () => {
    expect(runAnnotations(journal('held'), [], false)).toEqual([
      { level: 'notice', title: 'Steady state held', message: 'verdict held' },
    ])
  })

  it('a deviated run that fails the job: unmet probes and failed activities as errors, the verdict left to setFailed', () => {
    const deviated = journal('deviated', {
      steady_states: {
        before: {
          steady_state_met: true,
          probes: [activity('http-ok', 'succeeded', { tolerance_met: true })],
        },
        after: {
          steady_state_met: false,
          probes: [activity('http-ok', 'succeeded', { tolerance_met: false, output: { status: 503 } })],
        },
        during: [],
      },
      run: [
        activity('kill', 'succeeded'),
        activity('drain', 'failed', { exception: ['Traceback', 'no node\n'] }),
      ],
      rollbacks: [activity('uncordon', 'failed', { exception: [] })],
    })
    expect(runAnnotations(deviated, [], true)).toEqual([
      {
        level: 'error',
        title: 'Steady state not met after the method',
        message: `probe 'http-ok' did not meet its tolerance (value {"status":503})`,
      },
      { level: 'error', title: 'Method activity failed', message: "'drain' failed: no node" },
      { level: 'error', title: 'Rollback failed', message: "'uncordon' failed" },
    ])
  })

  it('with fail-on-deviation false the same findings are warnings, and the verdict is one too', () => {
    const deviated = journal('deviated', { run: [activity('drain', 'failed')] })
    expect(runAnnotations(deviated, [], false)).toEqual([
      { level: 'warning', title: 'Method activity failed', message: "'drain' failed" },
      { level: 'warning', title: 'Chaos experiment deviated', message: 'verdict deviated' },
    ])
  })

  it('names each validation error, and keeps under GitHub’s 10 per level with room for setFailed', () => {
    const issues = Array.from({ length: 12 }, (_, index) => ({
      severity: 'error' as const,
      path: `method[${index}].provider.path`,
      message: `path 'tool-${index}' cannot be found`,
    }))
    const annotations = runAnnotations(journal('aborted', { status: 'aborted' }), issues, true)
    expect(annotations).toHaveLength(9)
    expect(annotations[0]).toEqual({
      level: 'error',
      title: 'Invalid experiment',
      message: "method[0].provider.path: path 'tool-0' cannot be found",
    })
    expect(annotations[8]).toEqual({
      level: 'error',
      title: 'More in the job summary',
      message: '4 more errors: see the job summary and the journal',
    })
  })
})
