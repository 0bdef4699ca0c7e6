import { describe, expect, it } from 'vitest'
import type { RunEvent } from './events.ts'
import { runExperiment, type RunOptions } from './run-experiment.ts'
import { action, probe, testExperiment, testRegistry } from '../../test-support/test-registry.ts'

function experiment(parts: Record<string, unknown> = {}): Record<string, unknown> {
  return testExperiment({ method: [action('a1'), action('a2')], rollbacks: [action('r1')], ...parts })
}

async function run(doc: Record<string, unknown>, options: Partial<RunOptions> = {}) {
  const { registry, calls } = testRegistry()
  const events: RunEvent[] = []
  const result = await runExperiment(doc, {
    source: 'test.json',
    registry,
    env: {},
    cwd: process.cwd(),
    version: '0.0.0-test',
    onEvent: (event) => events.push(event),
    ...options,
  })
  return { ...result, calls, events }
}

describe('runExperiment', () => {
  it('runs hypothesis, method, hypothesis, rollbacks and says the steady state held', async () => {
    const { journal } = await run(experiment())
    expect(journal.status).toBe('completed')
    expect(journal.deviated).toBe(false)
    expect(journal.steady_states.before?.steady_state_met).toBe(true)
    expect(journal.steady_states.after?.probes[0]?.tolerance_met).toBe(true)
    expect(journal.run.map((r) => r.activity.name)).toEqual(['a1', 'a2'])
    expect(journal.rollbacks.map((r) => r.status)).toEqual(['succeeded'])
    expect(journal.steadystate?.verdict.kind).toBe('held')
    expect(Object.keys(journal.run[0] ?? {})).toEqual([
      'activity',
      'output',
      'start',
      'status',
      'end',
      'duration',
    ])
  })

  it('skips the method when the steady state is not met before, exits like the reference, and says nothing was tested', async () => {
    const { journal, calls } = await run(
      experiment({ 'steady-state-hypothesis': { title: 'x', probes: [probe('p', 'no', 'ok')] } }),
    )
    expect(journal.status).toBe('completed')
    expect(journal.deviated).toBe(false)
    expect(journal.run).toEqual([])
    expect(journal.steady_states.after).toBeNull()
    expect(calls.map((c) => c.args.value)).toEqual(['no', 'r1'])
    expect(journal.steadystate?.verdict.kind).toBe('not-tested')
  })

  it('records a failed method activity, goes on, and calls the verdict incomplete', async () => {
    const { journal } = await run(
      experiment({ method: [action('broken', 'fail', { message: 'no pods' }), action('next')] }),
    )
    expect(journal.status).toBe('completed')
    expect(journal.run.map((r) => r.status)).toEqual(['failed', 'succeeded'])
    expect(journal.run[0]?.exception?.at(-1)).toBe('chaoslib.exceptions.ActivityFailed: no pods\n')
    expect(journal.steadystate?.verdict.kind).toBe('incomplete')
  })

  it('deviates when the hypothesis after the method is not met; later probes do not run', async () => {
    const deviating = experiment({
      'steady-state-hypothesis': {
        title: 'x',
        probes: [probe('first', 'bad', [0, 1, 2]), probe('second', 'ok', 'ok')],
      },
      runtime: { hypothesis: { strategy: 'after-method-only' } },
    })
    const result = await run(deviating)
    expect(result.journal.deviated).toBe(true)
    expect(result.journal.status).toBe('completed')
    expect(result.journal.steady_states.before).toBeNull()
    expect(result.journal.steady_states.after?.probes.map((p) => [p.activity.name, p.tolerance_met])).toEqual(
      [['first', false]],
    )
    expect(result.journal.steadystate?.verdict.kind).toBe('deviated')
    expect(result.journal.steadystate?.verdict.summary).toMatch(/probe 'first'/)
  })

  it('honours the rollback strategies', async () => {
    const never = await run(experiment(), { rollbackStrategy: 'never' })
    expect(never.journal.rollbacks).toEqual([])
    const deviatedOnly = await run(experiment(), { rollbackStrategy: 'deviated' })
    expect(deviatedOnly.journal.rollbacks).toEqual([])
    expect(deviatedOnly.journal.steadystate?.rollbacks).toMatchObject({ played: false, strategy: 'deviated' })
    const fromRuntime = await run(experiment({ runtime: { rollbacks: { strategy: 'never' } } }))
    expect(fromRuntime.journal.rollbacks).toEqual([])
    const flagBeatsRuntime = await run(experiment({ runtime: { rollbacks: { strategy: 'never' } } }), {
      rollbackStrategy: 'always',
    })
    expect(flagBeatsRuntime.journal.rollbacks).toHaveLength(1)
  })

  it('resolves refs to method activities and hypothesis probes', async () => {
    const { journal } = await run(experiment({ method: [action('a1'), { ref: 'a1' }, { ref: 'is-ok' }] }))
    expect(journal.run.map((r) => r.activity.name)).toEqual(['a1', 'a1', 'is-ok'])
  })

  it('aborts on an unresolvable ref when validation is skipped, and still rolls back', async () => {
    const { journal } = await run(experiment({ method: [action('a1'), { ref: 'nope' }, action('a3')] }), {
      skipValidation: true,
    })
    expect(journal.status).toBe('aborted')
    expect(journal.run.map((r) => r.activity.name)).toEqual(['a1'])
    expect(journal.steady_states.after).toBeNull()
    expect(journal.rollbacks).toHaveLength(1)
  })

  it('waits for background activities at the end of the method, journaling them in start order', async () => {
    const doc = experiment({
      method: [{ ...action('slow', 'sleep', { seconds: 0.3 }), background: true }, action('quick')],
    })
    const { journal } = await run(doc)
    expect(journal.run.map((r) => r.activity.name)).toEqual(['slow', 'quick'])
    expect(journal.run[0]?.output).toBe(true)
    expect(Date.parse(journal.run[0]?.end ?? '')).toBeGreaterThan(Date.parse(journal.run[1]?.end ?? ''))
  })

  it.each([
    ['probes', { hypothesis: null, method: [null, 'm-action'], tolerance: true }],
    ['actions', { hypothesis: 'ok', method: ['value', null], tolerance: true }],
    ['activities', { hypothesis: null, method: [null, null], tolerance: true }],
  ] as const)('dry run %s skips what it should', async (mode, expected) => {
    const doc = experiment({ method: [probe('m-probe', 'value'), action('m-action')] })
    const { journal } = await run(doc, { dry: mode })
    expect(journal.steady_states.before?.probes[0]?.output).toBe(expected.hypothesis)
    expect(journal.steady_states.before?.probes[0]?.tolerance_met).toBe(expected.tolerance)
    expect(journal.run.map((r) => r.output)).toEqual(expected.method)
    expect(journal.experiment.dry).toBe(mode)
  })

  it('checks the hypothesis during the method and stops early with --fail-fast', async () => {
    const doc = experiment({
      'steady-state-hypothesis': { title: 'x', probes: [probe('p', 'ok', 'ok')] },
      method: [action('wait', 'sleep', { seconds: 0.3 }), action('after-wait')],
    })
    const continuous = await run(doc, { hypothesisStrategy: 'continuously', hypothesisFrequency: 0.1 })
    expect(continuous.journal.steady_states.during.length).toBeGreaterThanOrEqual(2)
    expect(continuous.journal.run).toHaveLength(2)

    const failing = experiment({
      'steady-state-hypothesis': { title: 'x', probes: [probe('p', 'bad', 'ok')] },
      method: [action('wait', 'sleep', { seconds: 0.3 }), action('after-wait')],
    })
    const fast = await run(failing, {
      hypothesisStrategy: 'during-method-only',
      failFast: true,
      hypothesisFrequency: 0.1,
    })
    expect(fast.journal.status).toBe('failed')
    expect(fast.journal.run.map((r) => r.activity.name)).toEqual(['wait'])
    // As in the reference, the first deviation also ends the checks: none while 'wait' goes on.
    expect(fast.journal.steady_states.during).toHaveLength(1)
    expect(fast.journal.rollbacks).toHaveLength(1)
  })

  it('redacts every secret value from the journal and the events', async () => {
    const doc = experiment({
      secrets: { api: { token: 'tok-123456' }, env: { other: { type: 'env', key: 'OTHER_SECRET' } } },
      title: 'run with ${token}',
      method: [
        action('echo', 'value', { value: 'Bearer ${token} and ${other}' }),
        {
          ...action('scoped', 'secret', {}),
          provider: { type: 'python', module: 'steadystate.testing', func: 'secret', secrets: ['api'] },
        },
      ],
    })
    const { journal, events } = await run(doc, { env: { OTHER_SECRET: 'env-secret-value' } })
    const text = JSON.stringify(journal) + JSON.stringify(events)
    expect(text).not.toContain('tok-123456')
    expect(text).not.toContain('env-secret-value')
    expect(journal.experiment.title).toBe('run with ***')
    expect(journal.run[0]?.output).toBe('Bearer *** and ***')
    expect(journal.run[1]?.output).toEqual({ token: '***' })
    expect(journal.steadystate?.redactions).toBeGreaterThanOrEqual(4)
  })

  it('writes an aborted journal, with every problem, for an invalid experiment and runs nothing', async () => {
    const { journal, issues, calls } = await run({ title: 'x', method: [{ type: 'action' }] })
    expect(journal.status).toBe('aborted')
    expect(calls).toEqual([])
    expect(issues.filter((i) => i.severity === 'error').map((i) => i.path)).toEqual([
      'description',
      'method[0].name',
      'method[0].provider',
    ])
    expect(journal.steadystate?.error?.message).toMatch(/description: experiment requires a description/)
  })

  it('stops the current activity on interruption, then rolls back with status interrupted', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort('SIGTERM'), 150)
    const { journal } = await run(
      experiment({ method: [action('wait', 'sleep', { seconds: 10 }), action('never')] }),
      {
        signal: controller.signal,
      },
    )
    expect(journal.status).toBe('interrupted')
    expect(journal.run.map((r) => [r.activity.name, r.status])).toEqual([['wait', 'failed']])
    expect(journal.steady_states.after).toBeNull()
    expect(journal.rollbacks.map((r) => r.status)).toEqual(['succeeded'])
    expect(journal.steadystate?.interruption).toMatchObject({ signal: 'SIGTERM', phase: 'method' })
  })
})

describe('runExperiment when steadystate itself breaks', () => {
  it('still writes an aborted journal with the error, and plays the rollbacks', async () => {
    const { registry } = testRegistry()
    registry.register({
      type: 'broken',
      validate: () => Promise.resolve([]),
      run: () => Promise.resolve(null),
      describe: () => {
        throw new TypeError('a bug in a provider description')
      },
    })
    const doc = experiment({
      method: [{ type: 'action', name: 'boom', provider: { type: 'broken' } }, action('never')],
    })
    const { journal } = await runExperiment(doc, {
      source: 'crash.json',
      registry,
      env: {},
      cwd: process.cwd(),
      version: 'test',
    })
    expect(journal.status).toBe('aborted')
    expect(journal.steadystate?.error).toEqual({
      code: 'INTERNAL',
      message: 'internal error in method: a bug in a provider description',
    })
    expect(journal.steadystate?.verdict.kind).toBe('aborted')
    expect(journal.rollbacks.map((r) => r.status)).toEqual(['succeeded'])
  })
})
