import { describe, expect, it } from 'vitest'
import type { RunEvent } from './events.ts'
import { settleBackground, startBackgroundTask } from './background.ts'
import { runExperiment } from './run-experiment.ts'
import type { RunState } from './run-state.ts'
import { action, probe, testRegistry } from './test-registry.ts'

/** Just what background tasks use of a run: its interruption signal, its events, its task list. */
function stateFor(interrupt: AbortSignal): { state: RunState; events: RunEvent[] } {
  const events: RunEvent[] = []
  const state = {
    interrupt,
    deferred: [],
    currentPhase: 'rollbacks',
    emit: (event: RunEvent) => events.push(event),
  }
  return { state: state as unknown as RunState, events }
}

describe('background work at the end of a run', () => {
  it('is stopped at the deadline; the run does not wait for it any longer', async () => {
    const { state, events } = stateFor(new AbortController().signal)
    let stoppedBy: unknown
    state.deferred.push(
      startBackgroundTask(state, 'recovery of 1 pod', (signal) => {
        return new Promise((resolve) =>
          signal.addEventListener('abort', () => {
            stoppedBy = signal.reason
            resolve()
          }),
        )
      }),
    )
    await settleBackground(state, 20, 1_000)
    expect(String(stoppedBy)).toContain('background deadline of 20 ms passed')
    expect(events.map((event) => ('message' in event ? event.message : event.type))).toEqual([
      'waiting for 1 background task(s) to finish: recovery of 1 pod',
      'recovery of 1 pod still running after 0 s; stopping it',
    ])
  })

  it('gives up on a task that ignores being stopped, and says so', async () => {
    const { state, events } = stateFor(new AbortController().signal)
    state.deferred.push(startBackgroundTask(state, 'stubborn', () => new Promise<void>(() => undefined)))
    await settleBackground(state, 10, 10)
    expect(events.at(-1)).toEqual({
      type: 'warning',
      message: 'stubborn did not stop; the journal is written without its result',
    })
  })

  it('an interruption while waiting for it is recorded: the journal says interrupted, rollbacks ran', async () => {
    const { registry, calls } = testRegistry()
    const controller = new AbortController()
    const result = await runExperiment(
      {
        title: 'background',
        description: 'a measurement that never completes on its own',
        'steady-state-hypothesis': { title: 'ok', probes: [probe('is-ok', 'ok', 'ok')] },
        method: [action('kill', 'linger', {})],
        rollbacks: [action('repair')],
      },
      {
        source: 'test.json',
        registry,
        env: {},
        cwd: process.cwd(),
        version: '0.0.0-test',
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === 'info' && event.message.startsWith('waiting for 1 background task'))
            controller.abort('SIGTERM')
        },
      },
    )
    expect(result.journal.status).toBe('interrupted')
    expect(result.journal.steadystate?.interruption).toMatchObject({
      signal: 'SIGTERM',
      phase: 'waiting for background work',
    })
    expect(result.journal.steadystate?.verdict.kind).toBe('interrupted')
    expect(result.journal.rollbacks.map((r) => r.status)).toEqual(['succeeded'])
    expect(calls.map((call) => call.func)).toContain('linger-stopped')
  })
})
