import { join } from 'node:path'
import { beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { deployReady, kubectl, useNamespace, waitUntil } from '../../../test/support/kubectl.ts'
import { REPO_ROOT } from '../../../test/support/paths.ts'
import { callK8s } from './call.ts'
import { applyCrds, deleteHeldFault, markInjected, releaseFault } from './crds.ts'
import { dryRunK8s, getObject } from './objects.ts'
import { serviceAccountKubeconfig } from './service-account.ts'

const NETWORK = 'chaosk8s.chaosmesh.network.actions'
const STRESS = 'chaosk8s.chaosmesh.stress.actions'

interface ChaosView {
  metadata: { name: string; namespace: string; deletionTimestamp?: string; finalizers?: string[] }
  spec: Record<string, unknown>
  status?: Record<string, unknown>
}

/**
 * Chaos Mesh's objects as its controller sees them: the CRDs are applied (no controller runs), and
 * the tests do the controller's part where it matters: a finalizer while the fault is injected,
 * status, and letting the object go once the fault is lifted.
 */
describe('chaosk8s.chaosmesh against a real API server with Chaos Mesh’s CRDs', () => {
  const kubeconfig = inject('kubeconfig')
  const namespace = useNamespace(kubeconfig, 'mesh')
  const view = (kind: 'networkchaos' | 'stresschaos', name: string, ns = namespace()) =>
    getObject<ChaosView>(kubeconfig, [
      '-n',
      ns,
      'get',
      `${kind}.chaos-mesh.org`,
      name,
      '--show-managed-fields',
    ])
  const inject_ = (kind: string, name: string) => markInjected(kubeconfig, namespace(), kind, name)
  const release = (kind: string, name: string) => releaseFault(kubeconfig, namespace(), kind, name)
  beforeAll(async () => {
    await applyCrds(kubeconfig, 'chaos-mesh')
  })
  // The pods the faults select: two, labelled app=web.
  beforeEach(async () => {
    await deployReady(kubeconfig, namespace(), 'web', 2)
  })

  it('add_latency creates the NetworkChaos the controller acts on; get_network_fault(s) read it; delete_network_fault waits until the controller lets it go', async () => {
    const ns = namespace()
    const args = { name: 'web-delay', ns, label_selectors: 'app=web', latency: '100ms', jitter: '10ms' }
    expect(await dryRunK8s(kubeconfig, NETWORK, 'add_latency', args)).toBe(
      `would create NetworkChaos 'web-delay' in namespace '${ns}': delay 100ms on one pod labelled app=web in namespace ${ns} (all traffic); 1 of 2 matching pod(s) (the API server accepted it in a dry run)`,
    )
    expect(await view('networkchaos', 'web-delay')).toBeUndefined()

    const created = await callK8s(kubeconfig, NETWORK, 'add_latency', args)
    const stored = await view('networkchaos', 'web-delay')
    expect(created.output).toEqual(stored)
    expect(stored?.metadata.namespace).toBe(ns)
    expect(stored?.spec).toEqual({
      action: 'delay',
      delay: { latency: '100ms', jitter: '10ms' },
      selector: { labelSelectors: { app: 'web' } },
      mode: 'one',
      direction: 'to',
    })

    await inject_('networkchaos', 'web-delay')
    const probe = 'chaosk8s.chaosmesh.network.probes'
    const fault = (await callK8s(kubeconfig, probe, 'get_network_fault', { name: 'web-delay', ns }))
      .output as unknown as ChaosView
    expect(fault.status).toMatchObject({ conditions: [{ type: 'AllInjected', status: 'True' }] })
    const faults = (await callK8s(kubeconfig, probe, 'get_network_faults', { ns })).output as unknown as {
      items: ChaosView[]
    }
    expect(faults.items.map((item) => item.metadata.name)).toEqual(['web-delay'])

    const { result: deleted, returnedBeforeRelease } = await deleteHeldFault(
      kubeconfig,
      ns,
      'networkchaos',
      'web-delay',
      () => callK8s(kubeconfig, NETWORK, 'delete_network_fault', { name: 'web-delay', ns }),
    )
    // The rollback did not finish while the controller still held the fault.
    expect(returnedBeforeRelease).toBe(false)
    expect(deleted.output).toMatchObject({
      metadata: { name: 'web-delay', deletionTimestamp: expect.any(String) },
    })
    expect(deleted.logs[0]).toMatch(
      /^waiting up to 60 s for Chaos Mesh to lift the fault and remove NetworkChaos 'web-delay'/,
    )
    expect(await view('networkchaos', 'web-delay')).toBeUndefined()
    await expect(
      callK8s(kubeconfig, NETWORK, 'delete_network_fault', { name: 'web-delay', ns }),
    ).rejects.toThrow(
      `Failed to delete custom resource object: NetworkChaos 'web-delay' in namespace '${ns}' was not found`,
    )
  })

  it('the other network faults pass Chaos Mesh’s schema and read back as sent (including bandwidth and reordering, which the reference gets wrong)', async () => {
    const ns = namespace()
    const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
      [
        'set_loss',
        { loss: 25, correlation: '50', mode: 'fixed-percent', mode_value: 50 },
        { action: 'loss', loss: { loss: '25', correlation: '50' }, mode: 'fixed-percent', value: '50' },
      ],
      [
        'duplicate_packets',
        { duplicate: '10', direction: 'both', target_label_selectors: { app: 'db' } },
        {
          action: 'duplicate',
          direction: 'both',
          target: { mode: 'one', selector: { labelSelectors: { app: 'db' } } },
        },
      ],
      [
        'corrupt_packets',
        { corrupt: '5', external_targets: 'example.com,10.0.0.1' },
        { action: 'corrupt', externalTargets: ['example.com', '10.0.0.1'] },
      ],
      [
        'reorder_packets',
        { reorder: '30', gap: 5, latency: '10ms' },
        { action: 'delay', delay: { latency: '10ms', reorder: { reorder: '30', gap: 5 } } },
      ],
      [
        'set_bandwidth',
        { rate: '1mbps', limit: 20_000, buffer: 10_000 },
        { action: 'bandwidth', bandwidth: { rate: '1mbps', limit: 20_000, buffer: 10_000 } },
      ],
    ]
    for (const [func, args, expected] of cases) {
      const name = func.replace('_', '-')
      await callK8s(kubeconfig, NETWORK, func, { name, ns, label_selectors: 'app=web', ...args })
      expect((await view('networkchaos', name))?.spec, func).toMatchObject({
        selector: { labelSelectors: { app: 'web' } },
        ...expected,
      })
    }
    const listed = (
      await callK8s(kubeconfig, 'chaosk8s.chaosmesh.network.probes', 'get_network_faults', { ns })
    ).output as { items: unknown[] }
    expect(listed.items).toHaveLength(cases.length)
    for (const [func] of cases)
      await callK8s(kubeconfig, NETWORK, 'delete_network_fault', { name: func.replace('_', '-'), ns })
    expect((await kubectl(kubeconfig, ['-n', ns, 'get', 'networkchaos', '-o', 'name'])).trim()).toBe('')
  })

  it('stress_cpu and stress_memory create StressChaos objects; get_stressor(s) read them; delete_stressor removes them', async () => {
    const ns = namespace()
    await callK8s(kubeconfig, STRESS, 'stress_cpu', {
      name: 'cpu',
      ns,
      workers: 2,
      load: 80,
      label_selectors: 'app=web',
      container_names: 'app',
    })
    await callK8s(kubeconfig, STRESS, 'stress_memory', {
      name: 'mem',
      ns,
      workers: 1,
      size: '256MB',
      time_to_get_to_size: '10s',
      mode: 'all',
      duration: '2m',
    })
    expect((await view('stresschaos', 'cpu'))?.spec).toEqual({
      selector: { labelSelectors: { app: 'web' } },
      mode: 'one',
      stressors: { cpu: { workers: 2, load: 80 } },
      duration: '30s',
      containerNames: ['app'],
    })
    expect((await view('stresschaos', 'mem'))?.spec).toEqual({
      selector: {},
      mode: 'all',
      stressors: { memory: { workers: 1, size: '256MB', options: ['--time', '10s'] } },
      duration: '2m',
    })
    const probes = 'chaosk8s.chaosmesh.stress.probes'
    expect((await callK8s(kubeconfig, probes, 'get_stressor', { name: 'cpu', ns })).output).toEqual(
      await view('stresschaos', 'cpu'),
    )
    const all = (await callK8s(kubeconfig, probes, 'get_stressors', { ns })).output as unknown as {
      items: ChaosView[]
    }
    expect(all.items.map((item) => item.metadata.name).sort()).toEqual(['cpu', 'mem'])

    await inject_('stresschaos', 'mem')
    expect(await dryRunK8s(kubeconfig, STRESS, 'delete_stressor', { name: 'mem', ns })).toBe(
      `would delete StressChaos 'mem' in namespace '${ns}' (the API server accepted it in a dry run)`,
    )
    expect((await view('stresschaos', 'mem'))?.metadata.deletionTimestamp).toBeUndefined()
    await callK8s(kubeconfig, STRESS, 'delete_stressor', { name: 'cpu', ns })
    // Interrupted while Chaos Mesh still holds the fault: the rollback fails, saying so.
    await expect(
      callK8s(
        kubeconfig,
        STRESS,
        'delete_stressor',
        { name: 'mem', ns },
        { signal: AbortSignal.timeout(1_500) },
      ),
    ).rejects.toThrow(`stopped while waiting for StressChaos 'mem' in namespace '${ns}' to go`)
    await release('stresschaos', 'mem')
    await waitUntil(
      'stressors gone',
      () => kubectl(kubeconfig, ['-n', ns, 'get', 'stresschaos', '-o', 'name']),
      (out) => out.trim() === '',
    )
  })

  it('refuses faults in or aimed at protected namespaces unless the experiment allows them; nothing is created', async () => {
    const ns = namespace()
    const latency = { latency: '1ms' }
    const refused: Record<string, unknown>[] = [
      { name: 'a', ns: 'kube-system', ...latency },
      { name: 'b', ns, namespaces_selectors: 'kube-system', ...latency },
      { name: 'c', ns, direction: 'both', target_namespaces_selectors: ['kube-public'], ...latency },
    ]
    for (const args of refused)
      await expect(callK8s(kubeconfig, NETWORK, 'add_latency', args)).rejects.toThrow(
        /namespace 'kube-(system|public)' is protected/,
      )
    await expect(
      callK8s(kubeconfig, STRESS, 'stress_cpu', {
        name: 'd',
        ns,
        workers: 1,
        load: 10,
        namespaces_selectors: 'kube-system',
      }),
    ).rejects.toThrow("namespace 'kube-system' is protected")
    await expect(dryRunK8s(kubeconfig, NETWORK, 'add_latency', refused[1] ?? {})).rejects.toThrow(
      "namespace 'kube-system' is protected",
    )
    for (const where of [ns, 'kube-system'])
      expect(
        (await kubectl(kubeconfig, ['-n', where, 'get', 'networkchaos,stresschaos', '-o', 'name'])).trim(),
      ).toBe('')

    const configuration = { steadystate_guardrails: { allow_namespaces: ['kube-system'] } }
    const allowed = {
      name: 'b',
      ns,
      namespaces_selectors: `${ns},kube-system`,
      label_selectors: 'app=web',
      ...latency,
    }
    await callK8s(kubeconfig, NETWORK, 'add_latency', allowed, { configuration })
    expect((await view('networkchaos', 'b'))?.spec.selector).toEqual({
      namespaces: [ns, 'kube-system'],
      labelSelectors: { app: 'web' },
    })
  })

  it('patching a Chaos Mesh object through chaosk8s.crd: the guardrail sees the selectors the patch would leave', async () => {
    const ns = namespace()
    await callK8s(kubeconfig, NETWORK, 'add_latency', {
      name: 'lat',
      ns,
      label_selectors: 'app=web',
      latency: '5ms',
    })
    const patch = (resource: unknown) =>
      callK8s(kubeconfig, 'chaosk8s.crd.actions', 'patch_custom_object', {
        group: 'chaos-mesh.org',
        version: 'v1alpha1',
        plural: 'networkchaos',
        name: 'lat',
        ns,
        resource,
      })
    await expect(
      patch([{ op: 'add', path: '/spec/selector/namespaces', value: ['kube-system'] }]),
    ).rejects.toThrow("namespace 'kube-system' is protected")
    expect((await view('networkchaos', 'lat'))?.spec.selector).toEqual({ labelSelectors: { app: 'web' } })
    const patched = await patch({ spec: { delay: { latency: '50ms' } } })
    expect(patched.output).toMatchObject({ spec: { delay: { latency: '50ms' } } })
    expect((await view('networkchaos', 'lat'))?.spec.delay).toEqual({ latency: '50ms' })
  })

  it('counts the pods a fault would reach first: none, or more than the guardrails allow, and nothing is created', async () => {
    const ns = namespace()
    const fault = (args: Record<string, unknown>, configuration: Record<string, unknown> = {}) =>
      callK8s(kubeconfig, NETWORK, 'set_loss', { name: 'loss', ns, loss: '10', ...args }, { configuration })
    await expect(fault({ label_selectors: 'app=nothing' })).rejects.toThrow(
      `the fault is for one pod labelled app=nothing in namespace ${ns}, but no pod matches: nothing would be injected`,
    )
    await expect(
      fault({ label_selectors: 'app=web', mode: 'fixed-percent', mode_value: 10 }),
    ).rejects.toThrow(
      `the fault is for 10% of the pods labelled app=web in namespace ${ns}: 0 of the 2 matching pods, so nothing would be injected`,
    )
    await expect(fault({ label_selectors: 'app=web', mode: 'fixed', mode_value: 2 })).rejects.toThrow(
      'this action would affect 2 of 2 matching pods (100%), more than the guardrail allows (50%); use mode "all" to target every matching pod on purpose, or raise "max_percent"',
    )
    await expect(
      fault({ label_selectors: 'app=web', mode: 'all' }, { steadystate_guardrails: { max_pods: 1 } }),
    ).rejects.toThrow('this action would affect 2 pods, more than the guardrail allows (1)')
    expect((await kubectl(kubeconfig, ['-n', ns, 'get', 'networkchaos', '-o', 'name'])).trim()).toBe('')
    const created = await fault({ label_selectors: 'app=web', mode: 'all' })
    expect(created.logs).toContain(
      `created NetworkChaos 'loss' in namespace '${ns}': lose 10% of the packets on every pod labelled app=web in namespace ${ns} (all traffic); 2 of 2 matching pod(s)`,
    )
  })

  it('runs as the least-privilege ServiceAccount of deploy/rbac/namespace-chaos.yaml', async () => {
    const ns = namespace()
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', join(REPO_ROOT, 'deploy/rbac/namespace-chaos.yaml')])
    const asServiceAccount = await serviceAccountKubeconfig(kubeconfig, ns, 'steadystate')
    const call = (module: string, func: string, args: Record<string, unknown>) =>
      callK8s(asServiceAccount, module, func, { ns, ...args })
    await call(NETWORK, 'set_loss', { name: 'loss', loss: '10', label_selectors: 'app=web' })
    await call(STRESS, 'stress_cpu', { name: 'cpu', workers: 1, load: 50 })
    await inject_('networkchaos', 'loss')
    await deleteHeldFault(kubeconfig, ns, 'networkchaos', 'loss', () =>
      call(NETWORK, 'delete_network_fault', { name: 'loss' }),
    )
    await call(STRESS, 'delete_stressor', { name: 'cpu' })
    expect((await call('chaosk8s.chaosmesh.network.probes', 'get_network_faults', {})).output).toMatchObject({
      items: [],
    })
    // The role grants Chaos Mesh's kinds only: other custom objects stay out of reach.
    await expect(
      call('chaosk8s.crd.probes', 'list_custom_objects', {
        group: 'test.steadystate.dev',
        version: 'v1',
        plural: 'widgets',
      }),
    ).rejects.toThrow(/Failed to list custom resource object: .* 403 Forbidden/)
  })
})
