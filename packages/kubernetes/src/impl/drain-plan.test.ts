import { describe, expect, it } from 'vitest'
import { planDrain, type DrainablePod } from './drain-plan.ts'

function pod(
  name: string,
  options: { owner?: string; phase?: string; emptyDir?: boolean; mirror?: boolean } = {},
): DrainablePod {
  return {
    metadata: {
      name,
      namespace: 'ns',
      ...(options.mirror === true ? { annotations: { 'kubernetes.io/config.mirror': 'abc' } } : {}),
      ...(options.owner === undefined
        ? {}
        : {
            ownerReferences: [{ kind: options.owner, controller: true }],
          }),
    },
    spec: {
      ...(options.emptyDir === true ? { volumes: [{ emptyDir: {} }] } : {}),
    },
    status: { phase: options.phase ?? 'Running' },
  }
}

const names = (pods: DrainablePod[]): string[] => pods.map((p) => p.metadata?.name ?? '')

describe('planDrain', () => {
  it('evicts controller-managed and finished pods, skips mirror and DaemonSet pods', () => {
    const plan = planDrain(
      [
        pod('web', { owner: 'ReplicaSet' }),
        pod('db', { owner: 'StatefulSet' }),
        pod('agent', { owner: 'DaemonSet' }),
        pod('static', { mirror: true }),
        pod('done', { phase: 'Succeeded' }),
      ],
      false,
    )
    expect(names(plan.evict)).toEqual(['web', 'db', 'done'])
    expect(plan.skipped).toEqual(['ns/agent: DaemonSet pod', 'ns/static: mirror pod'])
    expect(plan.unmanaged).toEqual([])
  })

  it('leaves pods with local storage unless told to evict them, but never DaemonSet pods', () => {
    const pods = [
      pod('cache', { owner: 'ReplicaSet', emptyDir: true }),
      pod('agent', { owner: 'DaemonSet', emptyDir: true }),
      pod('old', { owner: 'Job', emptyDir: true, phase: 'Failed' }),
    ]
    const keep = planDrain(pods, false)
    expect(names(keep.evict)).toEqual(['old'])
    expect(keep.skipped).toEqual([
      'ns/cache: local storage (set delete_pods_with_local_storage to evict it)',
      'ns/agent: DaemonSet pod',
    ])
    expect(names(planDrain(pods, true).evict)).toEqual(['cache', 'old'])
  })

  it('reports pods no controller would recreate', () => {
    const orphan = pod('bare')
    const plan = planDrain([orphan, pod('web', { owner: 'ReplicaSet' })], true)
    expect(plan.unmanaged).toEqual(['ns/bare'])
  })
})
