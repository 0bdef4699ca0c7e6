import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import {
  createNamespace,
  deleteNamespace,
  kubectl,
  kubectlJson,
  waitUntil,
} from '../../../test/support/kubectl.ts'
import { callK8s } from './call.ts'
import { dryRunK8s, getObject, podTemplate } from './objects.ts'

const ACTIONS = 'chaosk8s.node.actions'
const PROBES = 'chaosk8s.node.probes'

interface PodOnNode {
  name: string
  uid: string
  node: string
  ready: boolean
  deleting: boolean
}

interface NodeObject {
  metadata: { name: string }
  spec: { unschedulable?: boolean; taints?: { key: string }[]; providerID?: string }
  status?: { conditions?: { type: string; status: string }[] }
}

/**
 * Every test runs on two fake nodes of its own, tainted so that only its pods land there: draining,
 * cordoning and deleting them never disturbs the cluster's nodes or other tests' pods.
 */
describe('chaosk8s.node actions and probes against a real API server', () => {
  const kubeconfig = inject('kubeconfig')
  let ns: string
  let id: string
  let a: string
  let b: string
  const label = (): string => `steadystate-test=${id}`
  const toleration = (): unknown => ({
    key: 'steadystate-test',
    operator: 'Equal',
    value: id,
    effect: 'NoSchedule',
  })

  const nodeManifest = (name: string): string =>
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
        labels: { 'steadystate-test': id, 'kubernetes.io/hostname': name, type: 'steadystate-test' },
      },
      spec: { taints: [{ key: 'steadystate-test', value: id, effect: 'NoSchedule' }] },
    })
  const node = (name: string) => getObject<NodeObject>(kubeconfig, ['get', 'node', name])
  const pods = async (selector: string): Promise<PodOnNode[]> => {
    const list = await kubectlJson<{
      items: {
        metadata: { name: string; uid: string; deletionTimestamp?: string }
        spec: { nodeName?: string }
        status?: { conditions?: { type: string; status: string }[] }
      }[]
    }>(kubeconfig, ['-n', ns, 'get', 'pods', '-l', selector])
    return list.items.map((pod) => ({
      name: pod.metadata.name,
      uid: pod.metadata.uid,
      node: pod.spec.nodeName ?? '',
      ready: pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
      deleting: pod.metadata.deletionTimestamp !== undefined,
    }))
  }
  const readyPods = (selector: string, count: number) =>
    waitUntil(
      `${count} Ready pods (${selector})`,
      () => pods(selector),
      (list) => list.filter((p) => p.ready && !p.deleting).length === count,
    )
  const deployApp = async (replicas: number): Promise<PodOnNode[]> => {
    const labels = { app: 'web' }
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels },
      spec: {
        replicas,
        selector: { matchLabels: labels },
        template: podTemplate(labels, {
          nodeSelector: { 'steadystate-test': id },
          tolerations: [toleration()],
        }),
      },
    }
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', '-'], JSON.stringify(deployment))
    return readyPods('app=web', replicas)
  }
  /** The test node hosting the most pods of the list. */
  const busiest = (list: PodOnNode[]): string =>
    [a, b].sort(
      (x, y) => list.filter((p) => p.node === y).length - list.filter((p) => p.node === x).length,
    )[0]!

  beforeEach(async () => {
    ns = await createNamespace(kubeconfig, 'nodes')
    id = ns.slice('nodes-'.length)
    a = `ss-${id}-a`
    b = `ss-${id}-b`
    for (const name of [a, b]) await kubectl(kubeconfig, ['apply', '-f', '-'], nodeManifest(name))
    await waitUntil(
      'the test nodes Ready, without the not-ready taint',
      () => kubectlJson<{ items: NodeObject[] }>(kubeconfig, ['get', 'nodes', '-l', label()]),
      (list) =>
        list.items.length === 2 &&
        list.items.every(
          (n) =>
            n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true &&
            (n.spec.taints ?? []).every((t) => t.key === 'steadystate-test'),
        ),
    )
  })
  afterEach(async () => {
    await kubectl(kubeconfig, ['delete', 'nodes', '-l', label(), '--ignore-not-found', '--wait=false'])
    await deleteNamespace(kubeconfig, ns)
  })

  it('create_node takes the reference’s snake_case meta and spec and returns the Node', async () => {
    const name = `ss-${id}-c`
    const created = await callK8s(kubeconfig, ACTIONS, 'create_node', {
      meta: {
        name,
        labels: { 'steadystate-test': id },
        annotations: { 'kwok.x-k8s.io/node': 'fake' },
      },
      spec: {
        provider_id: `kwok://${name}`,
        taints: [{ key: 'steadystate-test', value: id, effect: 'NoSchedule' }],
      },
    })
    const output = created.output as unknown as NodeObject
    expect(output.metadata.name).toBe(name)
    expect(output.spec.providerID).toBe(`kwok://${name}`)
    await waitUntil(
      'the new node Ready',
      () => node(name),
      (n) => n?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true,
    )
    await expect(callK8s(kubeconfig, ACTIONS, 'create_node', { meta: { name } })).rejects.toThrow(
      /Creating new node failed: .*409 AlreadyExists/,
    )
  })

  it('node probes: lists, conditions, readiness and health of the selected nodes', async () => {
    const list = (await callK8s(kubeconfig, PROBES, 'get_nodes', { label_selector: label() }))
      .output as unknown as {
      kind: string
      items: NodeObject[]
    }
    expect(list.kind).toBe('NodeList')
    expect(list.items.map((n) => n.metadata.name).sort()).toEqual([a, b])
    const conditions = (
      await callK8s(kubeconfig, PROBES, 'get_all_node_status_conditions', { label_selector: label() })
    ).output as Record<string, string>[]
    expect(conditions.map((c) => c.name).sort()).toEqual([a, b])
    for (const entry of conditions) expect(entry).toMatchObject({ Ready: 'True', PIDPressure: 'False' })
    const probe = async (func: string, args: Record<string, unknown> = {}) =>
      (await callK8s(kubeconfig, PROBES, func, { label_selector: label(), ...args })).output
    expect(await probe('verify_nodes_condition')).toBe(true)
    expect(await probe('verify_nodes_condition', { condition_type: 'Ready', condition_value: 'False' })).toBe(
      false,
    )
    expect(await probe('nodes_must_be_healthy')).toBe(true)
    expect(await probe('all_nodes_must_be_ready_to_schedule')).toBe(true)
    expect(
      await probe('all_nodes_must_be_ready_to_schedule', { label_selector: 'steadystate-test=none' }),
    ).toBe(false)
  })

  it('cordon_node marks nodes unschedulable; uncordon_node restores them', async () => {
    expect((await callK8s(kubeconfig, ACTIONS, 'cordon_node', { name: a })).output).toEqual([a])
    expect((await node(a))?.spec.unschedulable).toBe(true)
    expect((await node(b))?.spec.unschedulable).toBeUndefined()
    const ready = await callK8s(kubeconfig, PROBES, 'all_nodes_must_be_ready_to_schedule', {
      label_selector: label(),
    })
    expect(ready.output).toBe(false)
    expect(ready.logs.join('\n')).toContain(`node ${a}: cordoned (unschedulable)`)
    expect(await dryRunK8s(kubeconfig, ACTIONS, 'cordon_node', { label_selector: label() })).toBe(
      `would cordon node(s) ${a}, ${b}`,
    )
    await expect(callK8s(kubeconfig, ACTIONS, 'cordon_node', {})).rejects.toThrow(
      /cordon_node needs a name or a label_selector: without them it would cordon every node of the cluster/,
    )
    expect(
      (
        (await callK8s(kubeconfig, ACTIONS, 'uncordon_node', { label_selector: label() })).output as string[]
      ).sort(),
    ).toEqual([a, b])
    expect((await node(a))?.spec.unschedulable).toBeUndefined()
    expect(
      (await callK8s(kubeconfig, PROBES, 'all_nodes_must_be_ready_to_schedule', { label_selector: label() }))
        .output,
    ).toBe(true)
  })

  it('drain_nodes evicts the pods (rescheduled on the other node), leaves DaemonSet pods; uncordon_node rolls back', async () => {
    const before = await deployApp(4)
    const daemonSet = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: podTemplate(
          { app: 'agent' },
          { nodeSelector: { 'steadystate-test': id }, tolerations: [toleration()] },
        ),
      },
    }
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', '-'], JSON.stringify(daemonSet))
    const agents = await readyPods('app=agent', 2)
    const target = busiest(before)
    const other = target === a ? b : a
    const victims = before.filter((p) => p.node === target)
    expect(victims.length).toBeGreaterThan(0)
    const agent = agents.find((p) => p.node === target)!

    const plan = await dryRunK8s(kubeconfig, ACTIONS, 'drain_nodes', { name: target })
    expect(plan).toContain(`would cordon and drain node(s) ${target}: evict ${victims.length} pod(s)`)
    expect(plan).toContain(`leave ${ns}/${agent.name}: DaemonSet pod`)
    expect((await node(target))?.spec.unschedulable).toBeUndefined()

    const drained = await callK8s(kubeconfig, ACTIONS, 'drain_nodes', { name: target, timeout: 60 })
    expect(drained.output).toEqual([target])
    expect((await node(target))?.spec.unschedulable).toBe(true)
    const after = await readyPods('app=web', 4)
    const alive = after.filter((p) => !p.deleting)
    expect(alive.every((p) => p.node === other)).toBe(true)
    for (const victim of victims) expect(alive.some((p) => p.uid === victim.uid)).toBe(false)
    expect((await pods('app=agent')).some((p) => p.uid === agent.uid && !p.deleting)).toBe(true)

    expect((await callK8s(kubeconfig, ACTIONS, 'uncordon_node', { name: target })).output).toEqual([target])
    expect((await node(target))?.spec.unschedulable).toBeUndefined()
  })

  it('drain_nodes leaves pods with local storage unless delete_pods_with_local_storage is set', async () => {
    const labels = { app: 'cache' }
    const cache = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'cache', labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: podTemplate(labels, {
          nodeSelector: { 'kubernetes.io/hostname': a },
          tolerations: [toleration()],
          volumes: [{ name: 'scratch', emptyDir: {} }],
        }),
      },
    }
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', '-'], JSON.stringify(cache))
    const [pod] = await readyPods('app=cache', 1)
    const kept = await callK8s(kubeconfig, ACTIONS, 'drain_nodes', { name: a, timeout: 30 })
    expect(kept.output).toEqual([a])
    expect(kept.logs).toContain(
      `not evicting ${ns}/${pod!.name}: local storage (set delete_pods_with_local_storage to evict it)`,
    )
    expect((await pods('app=cache')).find((p) => p.uid === pod!.uid)?.deleting).toBe(false)
    const evicted = await callK8s(kubeconfig, ACTIONS, 'drain_nodes', {
      name: a,
      timeout: 30,
      delete_pods_with_local_storage: true,
    })
    expect(evicted.output).toEqual([a])
    expect((await pods('app=cache')).some((p) => p.uid === pod!.uid)).toBe(false)
  })

  it('drain_nodes refuses unmanaged pods before evicting anything, and uncordons the node again', async () => {
    const before = await deployApp(2)
    const target = busiest(before)
    const bare = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bare', labels: { app: 'bare' } },
      spec: { nodeName: target, ...(podTemplate({}) as { spec: object }).spec },
    }
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', '-'], JSON.stringify(bare))
    await readyPods('app=bare', 1)
    await expect(callK8s(kubeconfig, ACTIONS, 'drain_nodes', { name: target, timeout: 30 })).rejects.toThrow(
      `Pod(s) ${ns}/bare are unmanaged (no controller would recreate them), cannot drain node(s) ${target}`,
    )
    expect((await node(target))?.spec.unschedulable).toBeUndefined()
    const after = await pods('app=web')
    expect(after.map((p) => p.uid).sort()).toEqual(before.map((p) => p.uid).sort())
  })

  it('drain_nodes retries evictions a PodDisruptionBudget forbids, until its timeout', async () => {
    const before = await deployApp(2)
    const budget = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web' },
      spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
    }
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', '-'], JSON.stringify(budget))
    await waitUntil(
      'the budget computed',
      () => getObject<{ status?: { currentHealthy?: number } }>(kubeconfig, ['-n', ns, 'get', 'pdb', 'web']),
      (pdb) => pdb?.status?.currentHealthy === 2,
    )
    const started = Date.now()
    await expect(
      callK8s(kubeconfig, ACTIONS, 'drain_nodes', { name: busiest(before), timeout: 3 }),
    ).rejects.toThrow(/could not evict pod .* within 3s: .*429.*disruption budget/)
    // Far below the no-deadline case (the test's own timeout), with room for a loaded CI machine.
    expect(Date.now() - started).toBeLessThan(30_000)
    const after = await pods('app=web')
    expect(
      after
        .filter((p) => !p.deleting)
        .map((p) => p.uid)
        .sort(),
    ).toEqual(before.map((p) => p.uid).sort())
  })

  it('guardrails: at most max_nodes nodes, never every node of the cluster, pod filters need a namespace', async () => {
    await expect(callK8s(kubeconfig, ACTIONS, 'drain_nodes', { label_selector: label() })).rejects.toThrow(
      `this would drain 2 nodes (${a}, ${b}), more than the guardrail allows (1)`,
    )
    await expect(callK8s(kubeconfig, ACTIONS, 'drain_nodes', {})).rejects.toThrow(
      /this would drain every node of the cluster/,
    )
    await expect(
      callK8s(kubeconfig, ACTIONS, 'delete_nodes', { label_selector: label(), count: 2 }),
    ).rejects.toThrow(/this would delete 2 nodes .* more than the guardrail allows \(1\)/)
    await expect(
      callK8s(kubeconfig, ACTIONS, 'delete_nodes', {
        label_selector: label(),
        pod_label_selector: 'app=web',
      }),
    ).rejects.toThrow('pod_label_selector and pod_namespace go together: give both or neither')
    await expect(
      callK8s(kubeconfig, ACTIONS, 'delete_nodes', { label_selector: 'steadystate-test=none' }),
    ).rejects.toThrow("failed to find a node that matches selector (label selector 'steadystate-test=none')")
    for (const name of [a, b]) expect((await node(name))?.spec.unschedulable).toBeUndefined()
  })

  it('delete_nodes deletes the node hosting the pods, the first matching one, or all with all: true', async () => {
    const pinned = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'pinned', labels: { pin: 'yes' } },
      spec: { nodeName: b, ...(podTemplate({}) as { spec: object }).spec },
    }
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', '-'], JSON.stringify(pinned))
    const filter = { label_selector: label(), pod_label_selector: 'pin=yes', pod_namespace: ns }
    expect(await dryRunK8s(kubeconfig, ACTIONS, 'delete_nodes', filter)).toBe(`would delete node(s) ${b}`)
    expect((await callK8s(kubeconfig, ACTIONS, 'delete_nodes', filter)).output).toEqual([b])
    expect(await node(b)).toBeUndefined()
    expect(await node(a)).toBeDefined()
    const third = `ss-${id}-c`
    await kubectl(kubeconfig, ['apply', '-f', '-'], nodeManifest(third))
    expect((await callK8s(kubeconfig, ACTIONS, 'delete_nodes', { label_selector: label() })).output).toEqual([
      a,
    ])
    await kubectl(kubeconfig, ['apply', '-f', '-'], nodeManifest(a))
    const all = await callK8s(
      kubeconfig,
      ACTIONS,
      'delete_nodes',
      { label_selector: label(), all: true, grace_period_seconds: 0 },
      { configuration: { steadystate_guardrails: { max_nodes: 2 } } },
    )
    expect((all.output as string[]).sort()).toEqual([a, third])
    expect(await node(a)).toBeUndefined()
    expect(await node(third)).toBeUndefined()
  })
})
