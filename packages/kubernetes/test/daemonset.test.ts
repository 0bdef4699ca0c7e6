import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import {
  createNamespace,
  deleteNamespace,
  kubectl,
  listPods,
  waitUntil,
} from '../../../test/support/kubectl.ts'
import { callK8s } from './call.ts'
import { dryRunK8s, getObject, makeUnready, specFile } from './objects.ts'

const ACTIONS = 'chaosk8s.daemonset.actions'
const PROBES = 'chaosk8s.daemonset.probes'

/** A DaemonSet on the cluster's own fake nodes (label type=kwok), not on nodes other tests add. */
const DAEMON_SET_YAML = [
  'apiVersion: apps/v1',
  'kind: DaemonSet',
  'metadata: {name: agent, labels: {app: agent}}',
  'spec:',
  '  selector: {matchLabels: {app: agent}}',
  '  template:',
  '    metadata: {labels: {app: agent}}',
  '    spec:',
  '      nodeSelector: {type: kwok}',
  '      containers: [{name: agent, image: registry.invalid/agent:1}]',
].join('\n')

describe('chaosk8s.daemonset actions and probes against a real API server', () => {
  const kubeconfig = inject('kubeconfig')
  let ns: string
  let nodes: number
  beforeEach(async () => {
    ns = await createNamespace(kubeconfig, 'ds')
    nodes = (await kubectl(kubeconfig, ['get', 'nodes', '-l', 'type=kwok', '-o', 'name']))
      .trim()
      .split('\n').length
    const created = await callK8s(kubeconfig, ACTIONS, 'create_daemon_set', {
      spec_path: specFile(DAEMON_SET_YAML, 'yml'),
      ns,
    })
    expect(created.output).toBeNull()
  })
  afterEach(async () => {
    await deleteNamespace(kubeconfig, ns)
  })

  it('daemon_set_fully_available waits for a pod per node; the instant probes agree', async () => {
    const full = await callK8s(kubeconfig, PROBES, 'daemon_set_fully_available', { name: 'agent', ns })
    expect(full.output).toBe(true)
    expect((await listPods(kubeconfig, ns, 'app=agent')).filter((p) => p.ready)).toHaveLength(nodes)
    expect(
      (await callK8s(kubeconfig, PROBES, 'daemon_set_available_and_healthy', { name: 'agent', ns })).output,
    ).toBe(true)
    expect(
      (await callK8s(kubeconfig, PROBES, 'daemon_set_partially_available', { name: 'agent', ns })).output,
    ).toBe(true)
    expect(
      (await callK8s(kubeconfig, PROBES, 'daemon_set_available_and_healthy', { name: 'nope', ns })).output,
    ).toBe(false)
    expect(
      (await callK8s(kubeconfig, PROBES, 'daemon_set_partially_available', { name: 'nope', ns })).output,
    ).toBe(false)
  })

  it('with a pod not ready: not_fully_available is True, fully_available returns False on timeout (never raises)', async () => {
    await callK8s(kubeconfig, PROBES, 'daemon_set_fully_available', { name: 'agent', ns })
    const victim = (await listPods(kubeconfig, ns, 'app=agent'))[0]!
    await makeUnready(kubeconfig, ns, victim.name)
    const degraded = await callK8s(kubeconfig, PROBES, 'daemon_set_not_fully_available', {
      name: 'agent',
      ns,
    })
    expect(degraded.output).toBe(true)
    const started = Date.now()
    const timedOut = await callK8s(kubeconfig, PROBES, 'daemon_set_fully_available', {
      name: 'agent',
      ns,
      timeout: 1,
    })
    expect(timedOut.output).toBe(false)
    expect(timedOut.logs.join('\n')).toMatch(/daemon set 'agent' failed to recover within 1s/)
    // Far below the no-deadline case (the test's own timeout), with room for a loaded CI machine.
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(
      (await callK8s(kubeconfig, PROBES, 'daemon_set_available_and_healthy', { name: 'agent', ns })).output,
    ).toBe(false)
    expect(
      (await callK8s(kubeconfig, PROBES, 'daemon_set_partially_available', { name: 'agent', ns })).output,
    ).toBe(nodes > 1)
    // The controller replaces a deleted pod, and the DaemonSet recovers.
    await kubectl(kubeconfig, ['-n', ns, 'delete', 'pod', victim.name, '--wait=false'])
    expect(
      (await callK8s(kubeconfig, PROBES, 'daemon_set_fully_available', { name: 'agent', ns })).output,
    ).toBe(true)
  })

  it('update_daemon_set applies a strategic merge patch; delete_daemon_set deletes it', async () => {
    await callK8s(kubeconfig, PROBES, 'daemon_set_fully_available', { name: 'agent', ns })
    // A strategic merge patch merges containers by name: the image changes, the container stays.
    const spec = {
      spec: { template: { spec: { containers: [{ name: 'agent', image: 'registry.invalid/agent:2' }] } } },
    }
    expect(await dryRunK8s(kubeconfig, ACTIONS, 'update_daemon_set', { name: 'agent', spec, ns })).toBe(
      `would patch DaemonSet 'agent' in namespace '${ns}' (fields: spec)`,
    )
    expect(
      (await callK8s(kubeconfig, ACTIONS, 'update_daemon_set', { name: 'agent', spec, ns })).output,
    ).toBeNull()
    const updated = await getObject<{
      spec: { template: { spec: { containers: { name: string; image: string }[] } } }
    }>(kubeconfig, ['-n', ns, 'get', 'ds', 'agent'])
    expect(updated?.spec.template.spec.containers).toEqual([
      expect.objectContaining({ name: 'agent', image: 'registry.invalid/agent:2' }),
    ])
    await expect(
      callK8s(kubeconfig, ACTIONS, 'update_daemon_set', { name: 'nope', spec, ns }),
    ).rejects.toThrow(
      `failed to update daemon set 'nope': DaemonSet 'nope' in namespace '${ns}' was not found`,
    )
    await expect(callK8s(kubeconfig, ACTIONS, 'delete_daemon_set', { ns })).rejects.toThrow(
      /delete_daemon_set needs a name or a label_selector/,
    )
    expect(
      (await callK8s(kubeconfig, ACTIONS, 'delete_daemon_set', { label_selector: 'app=agent', ns })).output,
    ).toBeNull()
    expect(await getObject(kubeconfig, ['-n', ns, 'get', 'ds', 'agent'])).toBeUndefined()
    await waitUntil(
      'pods gone',
      () => listPods(kubeconfig, ns, 'app=agent'),
      (pods) => pods.length === 0,
    )
  })
})
