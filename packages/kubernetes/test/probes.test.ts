import { beforeEach, describe, expect, inject, it } from 'vitest'
import {
  deploymentManifest,
  kubectl,
  listPods,
  waitUntil,
  useNamespace,
  deployReady,
} from '../../../test/support/kubectl.ts'
import { callK8s } from './call.ts'

/** A Deployment whose pods can never be scheduled (no node has the label), so never Ready. */
function unschedulable(name: string, replicas: number): string {
  const manifest = JSON.parse(deploymentManifest(name, replicas)) as {
    spec: { template: { spec: Record<string, unknown> } }
  }
  manifest.spec.template.spec.nodeSelector = { 'steadystate.test/never': 'true' }
  return JSON.stringify(manifest)
}

describe('pod, deployment and steadystate probes against a real API server', () => {
  const kubeconfig = inject('kubeconfig')
  const namespace = useNamespace(kubeconfig, 'probes')
  let ns: string
  beforeEach(async () => {
    ns = namespace()
    await deployReady(kubeconfig, ns, 'web', 3)
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', '-'], unschedulable('stuck', 2))
    await waitUntil(
      '2 stuck pods',
      () => listPods(kubeconfig, ns, 'app=stuck'),
      (pods) => pods.length === 2,
    )
  })
  const call = (module: string, func: string, args: Record<string, unknown>) =>
    callK8s(kubeconfig, module, func, { ns, ...args })

  it('pods_in_phase / pods_not_in_phase / count_pods / count_min_pods see phases, not readiness', async () => {
    expect((await call('chaosk8s.pod.probes', 'pods_in_phase', { label_selector: 'app=web' })).output).toBe(
      true,
    )
    await expect(
      call('chaosk8s.pod.probes', 'pods_in_phase', { label_selector: 'app=stuck' }),
    ).rejects.toThrow(/pods not in phase Running: stuck-.* \(Pending\)/)
    expect(
      (
        await call('chaosk8s.pod.probes', 'pods_in_phase', {
          label_selector: 'app=stuck',
          raise_on_invalid_phase: false,
        })
      ).output,
    ).toBe(false)
    expect(
      (await call('chaosk8s.pod.probes', 'pods_not_in_phase', { label_selector: 'app=stuck' })).output,
    ).toBe(true)
    await expect(
      call('chaosk8s.pod.probes', 'pods_in_phase', { label_selector: 'app=none' }),
    ).rejects.toThrow(/no pods matched label selector 'app=none'/)
    expect(
      (await call('chaosk8s.pod.probes', 'count_pods', { label_selector: 'app in (web,stuck)' })).output,
    ).toBe(5)
    expect(
      (
        await call('chaosk8s.pod.probes', 'count_pods', {
          label_selector: 'app in (web,stuck)',
          phase: 'Pending',
        })
      ).output,
    ).toBe(2)
    expect(
      (await call('chaosk8s.pod.probes', 'count_min_pods', { label_selector: 'app=web', min_count: 3 }))
        .output,
    ).toBe(true)
    expect(
      (await call('chaosk8s.pod.probes', 'count_min_pods', { label_selector: 'app=stuck' })).output,
    ).toBe(false)
  })

  it('pods_in_conditions, pod_is_not_available and all_pods_healthy', async () => {
    expect(
      (
        await call('chaosk8s.pod.probes', 'pods_in_conditions', {
          label_selector: 'app=web',
          conditions: [{ type: 'Ready', status: 'True' }],
        })
      ).output,
    ).toBe(true)
    await expect(
      call('chaosk8s.pod.probes', 'pods_in_conditions', {
        label_selector: 'app=stuck',
        conditions: [{ type: 'Ready', status: 'True' }],
      }),
    ).rejects.toThrow(/has Ready=missing, expected True|has Ready=False, expected True/)
    expect(
      (
        await call('chaosk8s.pod.probes', 'pod_is_not_available', {
          name: 'stuck',
          label_selector: 'app={name}',
        })
      ).output,
    ).toBe(true)
    await expect(
      call('chaosk8s.pod.probes', 'pod_is_not_available', { name: 'web', label_selector: 'app={name}' }),
    ).rejects.toThrow(/pods are still running/)
    await expect(call('chaosk8s.pod.probes', 'all_pods_healthy', {})).rejects.toThrow(
      /unhealthy pods: stuck-/,
    )
    expect(
      (await call('chaosk8s.pod.probes', 'all_pods_healthy', { raise_on_any_unhealthy: false })).output,
    ).toBe(false)
  })

  it('deployment probes report readiness and availability separately, and wait with a real deadline', async () => {
    expect(
      (await call('chaosk8s.deployment.probes', 'deployment_available_and_healthy', { name: 'web' })).output,
    ).toBe(true)
    expect(
      (await call('chaosk8s.probes', 'microservice_available_and_healthy', { name: 'web' })).output,
    ).toBe(true)
    await expect(
      call('chaosk8s.deployment.probes', 'deployment_available_and_healthy', { name: 'stuck' }),
    ).rejects.toThrow(/deployment 'stuck' in namespace '.*' is not healthy: 0\/2 ready, 0\/2 available/)
    await expect(
      call('chaosk8s.deployment.probes', 'deployment_available_and_healthy', { name: 'ghost' }),
    ).rejects.toThrow(/deployment 'ghost' was not found/)
    expect(
      (await call('chaosk8s.deployment.probes', 'deployment_partially_available', { name: 'web' })).output,
    ).toBe(true)
    const started = Date.now()
    await expect(
      call('chaosk8s.deployment.probes', 'deployment_fully_available', { name: 'stuck', timeout: 2 }),
    ).rejects.toThrow(/deployment 'stuck' failed to recover within 2s \(0\/2 ready/)
    // Far below the no-deadline case (the test's own timeout), with room for a loaded CI machine.
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(
      (
        await call('chaosk8s.deployment.probes', 'deployment_not_fully_available', {
          name: 'stuck',
          timeout: 2,
        })
      ).output,
    ).toBe(true)
  })

  it('deployment_fully_available returns as soon as a scale-up becomes ready (watch, not polling)', async () => {
    await kubectl(kubeconfig, ['-n', ns, 'scale', 'deployment', 'web', '--replicas=5'])
    const result = await call('chaosk8s.deployment.probes', 'deployment_fully_available', {
      name: 'web',
      timeout: 30,
    })
    expect(result.output).toBe(true)
    expect((await listPods(kubeconfig, ns, 'app=web')).filter((p) => p.ready)).toHaveLength(5)
  })

  it('recovered_within asserts the recovery time of the pods terminated in this run', async () => {
    const kill = await call('chaosk8s.pod.actions', 'terminate_pods', { label_selector: 'app=web' })
    expect(kill.output).toHaveLength(1)
    expect((await call('steadystate.kubernetes.probes', 'recovered_within', { seconds: 30 })).output).toBe(
      true,
    )
    await kill.settled
    const report = kill.measurements[0]?.data as { victims: { readySeconds: number }[] }
    expect(report.victims[0]?.readySeconds).toBeLessThan(30)
  })
})
