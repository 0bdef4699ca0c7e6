import { describe, expect, it } from 'vitest'
import type { RunEvent } from './events.ts'
import { runRollbacksOnly, type RollbacksOnlyOptions } from './rollbacks-only.ts'
import { action, probe, testRegistry } from './test-registry.ts'

const KILLED = {
  signal: 'SIGKILL',
  phase: 'method',
  reason: 'the step was killed before its rollbacks finished',
}

function experiment(parts: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'rollbacks only',
    description: 'a run killed mid-method, repaired afterwards',
    'steady-state-hypothesis': { title: 'ok', probes: [probe('is-ok', 'ok', 'ok')] },
    method: [action('inject')],
    rollbacks: [action('repair-1'), action('repair-2')],
    ...parts,
  }
}

async function rollbacksOnly(doc: Record<string, unknown>, options: Partial<RollbacksOnlyOptions> = {}) {
  const { registry, calls } = testRegistry()
  const events: RunEvent[] = []
  const result = await runRollbacksOnly(doc, {
    source: 'test.json',
    registry,
    env: {},
    cwd: process.cwd(),
    version: '0.0.0-test',
    interruption: KILLED,
    onEvent: (event) => events.push(event),
    ...options,
  })
  return { ...result, calls, events }
}

describe('runRollbacksOnly', () => {
  it('plays only the rollbacks and records an interrupted run with the earlier interruption', async () => {
    const { journal, calls, events } = await rollbacksOnly(experiment())
    expect(calls.map((call) => call.args.value)).toEqual(['repair-1', 'repair-2'])
    expect(journal.status).toBe('interrupted')
    expect(journal.run).toEqual([])
    expect(journal.steady_states.before).toBeNull()
    expect(journal.rollbacks.map((r) => [r.activity.name, r.status])).toEqual([
      ['repair-1', 'succeeded'],
      ['repair-2', 'succeeded'],
    ])
    expect(journal.steadystate?.interruption).toMatchObject({ signal: 'SIGKILL', phase: 'method' })
    expect(journal.steadystate?.verdict).toEqual({
      kind: 'interrupted',
      summary:
        'The run was interrupted (the step was killed before its rollbacks finished); rollbacks were attempted.',
    })
    expect(journal.steadystate?.options.hypothesisStrategy).toBe('skip')
    expect(journal.steadystate?.rollbacks).toMatchObject({ strategy: 'default', played: true })
    expect(events.map((event) => event.type)).toEqual([
      'run-started',
      'rollbacks-decided',
      'phase-started',
      'activity-started',
      'activity-finished',
      'activity-started',
      'activity-finished',
      'run-finished',
    ])
  })

  it('follows the rollback strategy: never plays nothing; deviated plays only after a deviation', async () => {
    const never = await rollbacksOnly(experiment(), { rollbackStrategy: 'never' })
    expect(never.calls).toEqual([])
    expect(never.journal.steadystate?.rollbacks).toEqual({
      strategy: 'never',
      played: false,
      reason: "rollback strategy 'never'",
    })
    const calm = await rollbacksOnly(experiment({ runtime: { rollbacks: { strategy: 'deviated' } } }))
    expect(calm.calls).toEqual([])
    const deviated = await rollbacksOnly(experiment({ runtime: { rollbacks: { strategy: 'deviated' } } }), {
      deviated: true,
    })
    expect(deviated.calls.map((call) => call.args.value)).toEqual(['repair-1', 'repair-2'])
    expect(deviated.journal.deviated).toBe(true)
  })

  it('records a failing rollback and still plays the next one', async () => {
    const { journal, calls } = await rollbacksOnly(
      experiment({ rollbacks: [action('broken', 'fail', { message: 'cannot repair' }), action('repair-2')] }),
    )
    expect(calls.map((call) => call.func)).toEqual(['fail', 'value'])
    expect(journal.rollbacks.map((r) => r.status)).toEqual(['failed', 'succeeded'])
    expect(journal.rollbacks[0]?.exception?.at(-1)).toContain('cannot repair')
  })

  it('refuses an invalid experiment as runExperiment does, running nothing', async () => {
    const { journal, calls, issues } = await rollbacksOnly(experiment({ method: 'not a list' }))
    expect(calls).toEqual([])
    expect(issues.some((issue) => issue.severity === 'error')).toBe(true)
    expect(journal.status).toBe('aborted')
    expect(journal.steadystate?.error?.code).toBe('EXPERIMENT_INVALID')
  })

  it('substitutes configuration and redacts secrets in what the rollbacks record', async () => {
    const { journal, calls } = await rollbacksOnly(
      experiment({
        configuration: { target: 'db-1' },
        secrets: { api: { token: 'tok-987654' } },
        rollbacks: [action('repair', 'value', { value: 'restart ${target} with tok-987654' })],
      }),
    )
    expect(calls.map((call) => call.args.value)).toEqual(['restart db-1 with tok-987654'])
    expect(journal.rollbacks[0]?.output).toBe('restart db-1 with ***')
    expect(JSON.stringify(journal)).not.toContain('tok-987654')
  })
})
