import type { Journal } from '@steadystate/model'
import { describe, expect, it } from 'vitest'
import { normalizeExperiment } from '../experiment/normalize.ts'
import { replayRollbacks } from '../recovery/replay.ts'
import { runExperiment, type RunOptions } from '../run/run-experiment.ts'
import { action, testExperiment, testRegistry } from '../../test-support/test-registry.ts'
import { collectCalls } from './calls.ts'
import type {
  Safeguard,
  SafeguardOpening,
  SafeguardProvider,
  SafeguardRequest,
  StopRequest,
} from './types.ts'

/** A provider that records what the engine asks of it, in order; `behaviour` shapes its answers. */
function recordingProvider(
  behaviour: {
    refuse?: string
    recordFails?: string
    /** Loses the lock when the method activity with this name starts. */
    loseLockAt?: string
    /** Asks the run to stop (as the kill switch does) when the activity with this name starts. */
    stopAt?: string
  } = {},
) {
  const seen: string[] = []
  const requests: SafeguardRequest[] = []
  const lost = new AbortController()
  const listeners: ((request: StopRequest) => void)[] = []
  const safeguard: Safeguard = {
    onStop: (listener) => listeners.push(listener),
    journalEntry: { runId: 'run-1', origin: 'a test', records: [] },
    lost: lost.signal,
    beforeMethod: (checkpoint) => {
      seen.push(`beforeMethod pending=${String(checkpoint.steadystate?.progress?.rollbacksPending)}`)
      return Promise.resolve(behaviour.recordFails)
    },
    observe: (journal) => {
      const progress = journal.steadystate?.progress
      if (progress?.activity === behaviour.loseLockAt && progress?.phase === 'method')
        lost.abort('the lock was taken over by another run')
      if (progress?.activity === behaviour.stopAt && progress?.activity !== undefined)
        for (const listener of listeners)
          listener({
            source: 'kill-switch',
            control: 'kill-switch',
            probe: 'the switch',
            value: { by: 'alice' },
            reason: `pulled (at ${progress?.phase ?? '?'})`,
          })
      const succeeded = journal.rollbacks.filter((run) => run.status === 'succeeded').length
      seen.push(
        `observe ${progress?.phase ?? 'final'}:${progress?.activity ?? ''} rollbacks-succeeded=${succeeded}`,
      )
    },
    close: (final) => {
      seen.push(`close ${final === undefined ? 'without a journal' : final.status}`)
      return Promise.resolve()
    },
  }
  const provider: SafeguardProvider = {
    open: (request): Promise<SafeguardOpening> => {
      requests.push(request)
      seen.push(`open ${request.mode.kind}`)
      return Promise.resolve(
        behaviour.refuse === undefined
          ? { kind: 'held', safeguard }
          : { kind: 'refused', code: 'LOCKED', message: behaviour.refuse },
      )
    },
  }
  return { provider, seen, requests }
}

const base = { source: 'test.json', env: {}, cwd: process.cwd(), version: '0.0.0-test' }
const doc = () =>
  testExperiment({
    method: [action('inject'), action('hold', 'sleep', { seconds: 0.3 })],
    rollbacks: [action('repair')],
  })

async function run(provider: SafeguardProvider, options: Partial<RunOptions> = {}) {
  const { registry, calls } = testRegistry()
  const result = await runExperiment(doc(), { ...base, registry, safeguards: provider, ...options })
  return { journal: result.journal, calls: calls.map((call) => call.args.value ?? call.func) }
}

describe('safeguards kept by a run', () => {
  it('are opened before the first phase, recorded before the method, observed, closed after the rollbacks', async () => {
    const { provider, seen, requests } = recordingProvider()
    const { journal } = await run(provider, { dry: 'pause' })
    expect(journal.status).toBe('completed')
    expect(seen[0]).toBe('open run')
    expect(seen).toContain('beforeMethod pending=true')
    // The record is kept before the first method activity starts.
    expect(seen.indexOf('beforeMethod pending=true')).toBeLessThan(
      seen.indexOf('observe method:inject rollbacks-succeeded=0'),
    )
    expect(seen).toContain('observe rollbacks: rollbacks-succeeded=1')
    expect(seen.at(-1)).toBe('close completed')
    expect(journal.steadystate?.cluster).toEqual({ runId: 'run-1', origin: 'a test', records: [] })
    expect(requests[0]?.calls.map((call) => `${call.phase}:${call.activity}:${call.type}`)).toEqual([
      'hypothesis:is-ok:probe',
      'method:inject:action',
      'method:hold:action',
      'rollbacks:repair:action',
    ])
  })

  it('refusing to open runs nothing: the journal is aborted with the reason', async () => {
    const { provider, seen } = recordingProvider({ refuse: 'the lock is held by run 7 since noon' })
    const { journal, calls } = await run(provider)
    expect(calls).toEqual([])
    expect(journal.status).toBe('aborted')
    expect(journal.steadystate?.error).toEqual({
      code: 'LOCKED',
      message: 'the lock is held by run 7 since noon',
    })
    expect(journal.steadystate?.verdict.kind).toBe('aborted')
    expect(seen).toEqual(['open run'])
  })

  it('a record that cannot be kept stops the run before its method', async () => {
    const { provider, seen } = recordingProvider({ recordFails: '403 Forbidden: configmaps' })
    const { journal, calls } = await run(provider)
    expect(calls).not.toContain('inject')
    expect(journal.status).toBe('aborted')
    expect(journal.steadystate?.error?.code).toBe('RECORD_UNWRITABLE')
    expect(journal.steadystate?.error?.message).toMatch(/method was not started: 403 Forbidden: configmaps/)
    expect(seen.at(-1)).toBe('close aborted')
  })

  it('a lost lock stops the method and the rollbacks still run', async () => {
    const { provider, seen } = recordingProvider({ loseLockAt: 'hold' })
    const { journal, calls } = await run(provider)
    expect(journal.status).toBe('interrupted')
    expect(journal.steadystate?.interruption?.signal).toBe('lost its lock')
    expect(journal.steadystate?.warnings).toContain(
      'the lock was taken over by another run: stopping the run',
    )
    // 'hold' never starts its work: the lock was lost as it began.
    expect(calls).toEqual(['ok', 'inject', 'repair'])
    expect(journal.run.map((entry) => entry.status)).toEqual(['succeeded', 'failed'])
    expect(seen.at(-1)).toBe('close interrupted')
  })

  it('a stop it asks for (the kill switch) stops the method as a safeguard does: steadystate.stop, rollbacks', async () => {
    const { provider, seen } = recordingProvider({ stopAt: 'hold' })
    const { journal, calls } = await run(provider)
    expect(journal.status).toBe('interrupted')
    expect(journal.steadystate?.interruption?.signal).toBe('the kill switch was pulled')
    expect(calls).toEqual(['ok', 'inject', 'repair'])
    expect(journal.steadystate?.stop).toMatchObject({
      source: 'kill-switch',
      control: 'kill-switch',
      probe: 'the switch',
      value: { by: 'alice' },
      reason: 'pulled (at method)',
    })
    expect(journal.steadystate?.stop?.timeToHalt).toEqual(expect.any(Number))
    expect(journal.steadystate?.verdict.summary).toContain('stopped by the kill switch at ')
    expect(seen.at(-1)).toBe('close interrupted')
  })

  it('a stop asked for once the rollbacks have started changes nothing', async () => {
    const { provider } = recordingProvider({ stopAt: 'repair' })
    const { journal } = await run(provider, { dry: 'pause' })
    expect(journal.status).toBe('completed')
    expect(journal.steadystate?.stop).toBeUndefined()
    expect(journal.rollbacks.map((entry) => entry.status)).toEqual(['succeeded'])
  })

  it('are not opened for a dry run that injects nothing', async () => {
    const { provider, seen } = recordingProvider()
    await run(provider, { dry: 'actions' })
    expect(seen).toEqual([])
  })

  it('in a recovery, are opened with the journal, observe the merged journal and close with it', async () => {
    const { registry } = testRegistry()
    let killed: Journal | undefined
    await runExperiment(doc(), {
      ...base,
      registry,
      onCheckpoint: (journal) => {
        if (journal.steadystate?.progress?.activity === 'hold') killed ??= structuredClone(journal)
      },
    })
    if (killed === undefined) throw new Error('no checkpoint in the method')
    const { provider, seen, requests } = recordingProvider()
    const result = await replayRollbacks(doc(), killed, {
      ...base,
      registry,
      by: 'a test',
      safeguards: provider,
    })
    expect(result.kind).toBe('replayed')
    expect(requests[0]?.mode).toEqual({ kind: 'recovery', journal: killed })
    expect(seen).not.toContain('beforeMethod pending=true')
    expect(seen).toContain('observe rollbacks: rollbacks-succeeded=1')
    expect(seen.at(-1)).toBe('close interrupted')
  })
})

describe('collectCalls', () => {
  it('substitutes arguments, resolves refs and merges the secret scopes each provider lists', () => {
    const experiment = {
      configuration: { ns: 'shop' },
      method: [
        {
          type: 'action',
          name: 'scale',
          provider: {
            type: 'python',
            module: 'chaosk8s.deployment.actions',
            func: 'scale_deployment',
            arguments: { name: 'web', replicas: 0, ns: '${ns}' },
            secrets: ['k8s'],
          },
        },
        { type: 'action', name: 'shell', provider: { type: 'process', path: 'true' } },
      ],
      rollbacks: [{ ref: 'scale' }],
    }
    const calls = collectCalls(normalizeExperiment(experiment), {
      configuration: { ns: 'shop' },
      secrets: { k8s: { KUBERNETES_CONTEXT: 'prod' }, other: { token: 'x' } },
    })
    expect(calls).toEqual([
      {
        phase: 'method',
        activity: 'scale',
        type: 'action',
        module: 'chaosk8s.deployment.actions',
        func: 'scale_deployment',
        arguments: { name: 'web', replicas: 0, ns: 'shop' },
        secrets: { KUBERNETES_CONTEXT: 'prod' },
      },
      expect.objectContaining({
        phase: 'rollbacks',
        activity: 'scale',
        arguments: { name: 'web', replicas: 0, ns: 'shop' },
      }),
    ])
  })
})
