import type { SafeguardCall } from '@steadystate/core'
import type { Journal } from '@steadystate/model'
import { describe, expect, it } from 'vitest'
import { describeHolder, viewLease } from './lease-view.ts'
import { liveness } from './liveness.ts'
import { lockNameFor, lockNameProblem, microTime, newRunId, recordName } from './names.ts'
import { recordObject } from './record.ts'
import { targetsOf } from './targets.ts'

const call = (overrides: Partial<SafeguardCall>): SafeguardCall => ({
  phase: 'method',
  activity: 'a',
  type: 'action',
  module: 'chaosk8s.deployment.actions',
  func: 'scale_deployment',
  arguments: {},
  secrets: {},
  ...overrides,
})

describe('names', () => {
  it('names the default lock after the title: readable, stable, a valid label value', () => {
    const name = lockNameFor('Do we remain available in face of pod going down? (checkout, EU)')
    expect(name).toMatch(/^steadystate-lock-do-we-remain-available-in-face-of-pod-[0-9a-f]{8}$/)
    expect(name.length).toBeLessThanOrEqual(63)
    expect(lockNameFor('Do we remain available in face of pod going down? (checkout, EU)')).toBe(name)
    expect(lockNameFor('Do we remain available in face of pod going down? (checkout, US)')).not.toBe(name)
    expect(lockNameFor('???')).toMatch(/^steadystate-lock-[0-9a-f]{8}$/)
    expect(lockNameProblem(name)).toBeUndefined()
  })

  it('refuses a --lock that is not a Kubernetes name', () => {
    expect(lockNameProblem('checkout')).toBeUndefined()
    expect(lockNameProblem('Checkout_Lock')).toMatch(/is not a Kubernetes name/)
    expect(lockNameProblem('x'.repeat(64))).toMatch(/longer than 63/)
  })

  it('gives runs sortable ids and MicroTimes with six fractional digits', () => {
    const id = newRunId(new Date('2025-01-02T13:04:05.678Z'))
    expect(id).toMatch(/^20250102-130405-[0-9a-f]{6}$/)
    expect(recordName(id)).toBe(`steadystate-run-${id}`)
    expect(microTime(Date.parse('2025-01-02T13:04:05.678Z'))).toBe('2025-01-02T13:04:05.678000Z')
  })
})

describe('targetsOf', () => {
  it('takes the namespace of each action of the method and rollbacks, its default when none is given', () => {
    const targets = targetsOf([
      call({ phase: 'hypothesis', type: 'probe', func: 'scale_deployment', arguments: { ns: 'observed' } }),
      call({ activity: 'scale-down', arguments: { ns: 'shop' } }),
      call({ phase: 'rollbacks', activity: 'scale-up', arguments: { ns: 'shop' } }),
      call({ activity: 'kill', module: 'chaosk8s.pod.actions', func: 'terminate_pods', arguments: {} }),
      call({
        activity: 'probe-in-method',
        module: 'chaosk8s.pod.probes',
        func: 'count_pods',
        arguments: { ns: 'x' },
      }),
      call({ activity: 'shell', module: 'os', func: 'system' }),
    ])
    expect(targets.map((target) => [target.namespace, target.activities])).toEqual([
      ['shop', ['scale-down', 'scale-up']],
      ['default', ['kill']],
    ])
  })

  it('counts cluster-scoped actions (nodes) as the home namespace, and keeps connections apart', () => {
    const targets = targetsOf([
      call({
        activity: 'cordon',
        module: 'chaosk8s.node.actions',
        func: 'cordon_node',
        arguments: { name: 'n1' },
      }),
      call({ activity: 'scale', arguments: { ns: 'shop' }, secrets: { KUBERNETES_CONTEXT: 'prod' } }),
      call({
        activity: 'scale-staging',
        arguments: { ns: 'shop' },
        secrets: { KUBERNETES_CONTEXT: 'staging' },
      }),
    ])
    expect(targets.map((target) => [target.namespace, target.connection.key, target.activities])).toEqual([
      [undefined, '{}', ['cordon']],
      ['shop', '{"KUBERNETES_CONTEXT":"prod"}', ['scale']],
      ['shop', '{"KUBERNETES_CONTEXT":"staging"}', ['scale-staging']],
    ])
  })
})

describe('liveness of a record', () => {
  const now = Date.parse('2025-01-02T12:00:00Z')
  const lease = (holder: string, renewedSecondsAgo: number) =>
    viewLease(
      {
        metadata: { name: 'l', annotations: { 'steadystate.dev/origin': 'host ci-7' } },
        spec: {
          holderIdentity: holder,
          leaseDurationSeconds: 30,
          acquireTime: '2025-01-02T11:00:00.000000Z',
          renewTime: microTime(now - renewedSecondsAgo * 1000),
        },
      },
      now,
    )
  const facts = { runId: '20250102-110000-abcdef', expiresAt: '2025-01-02T17:00:00.000Z' }

  it('is live while its run renews its lock, busy while another holds it', () => {
    expect(liveness(facts, lease(facts.runId, 5), now)).toEqual({
      kind: 'live',
      why: 'its run holds its lock: run 20250102-110000-abcdef (host ci-7) since 2025-01-02T11:00:00.000000Z, renewed 5 s ago (lease 30 s)',
    })
    expect(liveness(facts, lease('recovery-x', 5), now).kind).toBe('busy')
  })

  it('is abandoned when its lock expired or is free, when it expired, or when a recovery gave up', () => {
    expect(liveness(facts, lease(facts.runId, 31), now)).toMatchObject({
      kind: 'abandoned',
      why: expect.stringMatching(/last renewed 31 s ago, longer than its lease of 30 s/) as unknown,
    })
    expect(liveness(facts, { kind: 'free' }, now).kind).toBe('abandoned')
    expect(
      liveness({ ...facts, expiresAt: '2025-01-02T11:59:00.000Z' }, lease(facts.runId, 1), now),
    ).toMatchObject({
      kind: 'abandoned',
      why: expect.stringMatching(/even if its run still renews its lock/) as unknown,
    })
    expect(liveness({ ...facts, abandonedAt: 'noon' }, lease('recovery-x', 1), now).kind).toBe('abandoned')
  })

  it('describes a holder with its origin and how fresh its lease is', () => {
    const view = lease('someone-else', 2)
    if (view.kind !== 'held') throw new Error('held')
    expect(describeHolder(view)).toBe(
      'someone-else (host ci-7) since 2025-01-02T11:00:00.000000Z, renewed 2 s ago (lease 30 s)',
    )
  })
})

describe('the record', () => {
  it('keeps the journal without outputs and names the rollbacks still pending', () => {
    const journal = {
      experiment: { title: 't', rollbacks: [{ name: 'uncordon' }, { ref: 'scale' }] },
      start: '2025-01-02T11:00:00Z',
      steady_states: {
        before: { steady_state_met: true, probes: [{ activity: {}, output: 'big', start: '' }] },
        after: null,
        during: [],
      },
      run: [{ activity: { name: 'scale' }, output: { huge: true }, start: '' }],
      rollbacks: [{ activity: { name: 'uncordon' }, output: 'x', start: '', status: 'succeeded' }],
      steadystate: { measurements: [{ phase: 'run' }] },
    } as unknown as Journal
    const record = recordObject(
      'steadystate-run-1',
      { runId: '1', origin: 'o', lease: 'l', title: 't', startedAt: 's', expiresAt: 'e' },
      journal,
    )
    expect(record.metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'steadystate',
      'steadystate.dev/record': 'pending-rollbacks',
      'steadystate.dev/lock': 'l',
      'steadystate.dev/run-id': '1',
    })
    expect(record.metadata.annotations?.['steadystate.dev/pending-rollbacks']).toBe('scale')
    const kept = JSON.parse(record.data?.['journal.json'] ?? '') as Journal
    expect(kept.run[0]?.output).toBeNull()
    expect(kept.steady_states.before?.probes[0]?.output).toBeNull()
    expect(kept.steadystate?.measurements).toEqual([])
    expect(kept.rollbacks[0]?.status).toBe('succeeded')
  })
})
