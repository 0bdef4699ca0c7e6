import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import {
  createNamespace,
  deleteNamespace,
  kubectl,
  listPods,
  waitUntil,
} from '../../../test/support/kubectl.ts'
import { callK8s } from './call.ts'
import { dryRunK8s, getObject, podTemplate } from './objects.ts'

const MODULE = 'chaosk8s.replicaset.actions'

function replicaSet(name: string, labels: Record<string, string>): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, labels },
    spec: { replicas: 1, selector: { matchLabels: labels }, template: podTemplate(labels) },
  })
}

describe('chaosk8s.replicaset.actions against a real API server', () => {
  const kubeconfig = inject('kubeconfig')
  let ns: string
  beforeEach(async () => {
    ns = await createNamespace(kubeconfig, 'rs')
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', '-'], replicaSet('front', { app: 'front' }))
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', '-'], replicaSet('back', { app: 'back', tier: 'db' }))
    await waitUntil(
      'the ReplicaSets’ pods',
      () => listPods(kubeconfig, ns, 'app in (front, back)'),
      (pods) => pods.filter((p) => p.ready).length === 2,
    )
  })
  afterEach(async () => {
    await deleteNamespace(kubeconfig, ns)
  })

  it('delete_replica_set deletes by name, then by labels, and the garbage collector takes their pods', async () => {
    expect(await dryRunK8s(kubeconfig, MODULE, 'delete_replica_set', { name: 'front', ns })).toBe(
      `would delete 1 ReplicaSet(s) in namespace '${ns}': front`,
    )
    expect((await callK8s(kubeconfig, MODULE, 'delete_replica_set', { name: 'front', ns })).output).toBeNull()
    expect(await getObject(kubeconfig, ['-n', ns, 'get', 'replicaset', 'front'])).toBeUndefined()
    await callK8s(kubeconfig, MODULE, 'delete_replica_set', { label_selector: 'tier=db', ns })
    expect(await getObject(kubeconfig, ['-n', ns, 'get', 'replicaset', 'back'])).toBeUndefined()
    await waitUntil(
      'pods gone',
      () => listPods(kubeconfig, ns, 'app in (front, back)'),
      (pods) => pods.length === 0,
    )
  })

  it('refuses to delete every ReplicaSet without all: true, and fails when nothing matches', async () => {
    await expect(callK8s(kubeconfig, MODULE, 'delete_replica_set', { ns })).rejects.toThrow(
      /delete_replica_set needs a name or a label_selector.*Set "all": true to do that on purpose/,
    )
    await expect(
      callK8s(kubeconfig, MODULE, 'delete_replica_set', { label_selector: 'app=none', ns }),
    ).rejects.toThrow(`no ReplicaSet with labels 'app=none' in namespace '${ns}': nothing was deleted`)
    expect(await getObject(kubeconfig, ['-n', ns, 'get', 'replicaset', 'front'])).toBeDefined()
    await callK8s(kubeconfig, MODULE, 'delete_replica_set', { ns, all: true })
    expect(await getObject(kubeconfig, ['-n', ns, 'get', 'replicaset', 'front'])).toBeUndefined()
    expect(await getObject(kubeconfig, ['-n', ns, 'get', 'replicaset', 'back'])).toBeUndefined()
  })
})
