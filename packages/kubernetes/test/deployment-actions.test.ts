import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import {
  createNamespace,
  deleteNamespace,
  deploymentManifest,
  kubectl,
  listPods,
  waitUntil,
} from '../../../test/support/kubectl.ts'
import { callK8s } from './call.ts'
import { dryRunK8s, getObject, specFile } from './objects.ts'

const MODULE = 'chaosk8s.deployment.actions'

interface Deployment {
  spec: { replicas: number; template: { metadata: { annotations?: Record<string, string> } } }
}

describe('chaosk8s.deployment.actions against a real API server', () => {
  const kubeconfig = inject('kubeconfig')
  let ns: string
  const ready = (count: number, selector = 'app=web') =>
    waitUntil(
      `${count} Ready pods`,
      () => listPods(kubeconfig, ns, selector),
      (pods) => pods.filter((p) => p.ready && !p.deleting).length === count,
    )
  beforeEach(async () => {
    ns = await createNamespace(kubeconfig, 'deploy')
  })
  afterEach(async () => {
    await deleteNamespace(kubeconfig, ns)
  })

  it('create_deployment creates the Deployment a YAML file describes and returns None', async () => {
    const yaml = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web, labels: {app: web}}',
      'spec:',
      '  replicas: 2',
      '  selector: {matchLabels: {app: web}}',
      '  template:',
      '    metadata: {labels: {app: web}}',
      '    spec: {containers: [{name: app, image: registry.invalid/app:1}]}',
    ].join('\n')
    const result = await callK8s(kubeconfig, MODULE, 'create_deployment', {
      spec_path: specFile(yaml, 'yaml'),
      ns,
    })
    expect(result.output).toBeNull()
    await ready(2)
    await expect(
      callK8s(kubeconfig, MODULE, 'create_deployment', { spec_path: specFile(yaml, 'yaml'), ns }),
    ).rejects.toThrow(/409 AlreadyExists/)
    await expect(
      callK8s(kubeconfig, MODULE, 'create_deployment', { spec_path: specFile({ kind: 'Service' }), ns }),
    ).rejects.toThrow(/describes a "Service", but this action creates a Deployment/)
  })

  it('scale_deployment patches the replicas, and fails naming a missing Deployment', async () => {
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', '-'], deploymentManifest('web', 1))
    await ready(1)
    expect(await dryRunK8s(kubeconfig, MODULE, 'scale_deployment', { name: 'web', replicas: 3, ns })).toBe(
      `would scale Deployment 'web' in namespace '${ns}' from 1 to 3 replica(s)`,
    )
    const result = await callK8s(kubeconfig, MODULE, 'scale_deployment', { name: 'web', replicas: 3, ns })
    expect(result.output).toBeNull()
    expect(
      (await getObject<Deployment>(kubeconfig, ['-n', ns, 'get', 'deployment', 'web']))?.spec.replicas,
    ).toBe(3)
    await ready(3)
    await expect(
      callK8s(kubeconfig, MODULE, 'scale_deployment', { name: 'nope', replicas: 1, ns }),
    ).rejects.toThrow(
      `failed to scale 'nope' to 1 replicas: Deployment 'nope' in namespace '${ns}' was not found`,
    )
    await expect(
      callK8s(kubeconfig, MODULE, 'scale_deployment', { name: 'web', replicas: -1, ns }),
    ).rejects.toThrow("argument 'replicas' must be a whole number of at least 0, got -1")
  })

  it('rollout_deployment restarts every pod with a restartedAt annotation', async () => {
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', '-'], deploymentManifest('web', 2))
    const before = await ready(2)
    const result = await callK8s(kubeconfig, MODULE, 'rollout_deployment', { name: 'web', ns })
    expect(result.output).toBeNull()
    const deployment = await getObject<Deployment>(kubeconfig, ['-n', ns, 'get', 'deployment', 'web'])
    const restartedAt = deployment?.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']
    expect(restartedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)
    await waitUntil(
      'every pod replaced',
      () => listPods(kubeconfig, ns, 'app=web'),
      (pods) => pods.length === 2 && pods.every((p) => p.ready && !before.some((old) => old.uid === p.uid)),
    )
    await expect(callK8s(kubeconfig, MODULE, 'rollout_deployment', { ns })).rejects.toThrow(
      'rollout_deployment needs the name of the Deployment to restart',
    )
  })

  it('delete_deployment deletes by name or labels, and never a whole namespace implicitly', async () => {
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', '-'], deploymentManifest('web', 1))
    await kubectl(
      kubeconfig,
      ['-n', ns, 'apply', '-f', '-'],
      deploymentManifest('api', 1, { app: 'api', tier: 'back' }),
    )
    await kubectl(
      kubeconfig,
      ['-n', ns, 'apply', '-f', '-'],
      deploymentManifest('db', 1, { app: 'db', tier: 'back' }),
    )
    await expect(callK8s(kubeconfig, MODULE, 'delete_deployment', { ns })).rejects.toThrow(
      `delete_deployment needs a name or a label_selector: without them it would delete every Deployment in namespace '${ns}'`,
    )
    await expect(
      callK8s(kubeconfig, MODULE, 'delete_deployment', { ns: 'kube-system', all: true }),
    ).rejects.toThrow(/namespace 'kube-system' is protected/)
    expect(
      await dryRunK8s(kubeconfig, MODULE, 'delete_deployment', { label_selector: 'tier=back', ns }),
    ).toBe(`would delete 2 Deployment(s) in namespace '${ns}': api, db`)
    expect((await callK8s(kubeconfig, MODULE, 'delete_deployment', { name: 'web', ns })).output).toBeNull()
    expect(await getObject(kubeconfig, ['-n', ns, 'get', 'deployment', 'web'])).toBeUndefined()
    await callK8s(kubeconfig, MODULE, 'delete_deployment', { label_selector: 'tier=back', ns })
    expect(await getObject(kubeconfig, ['-n', ns, 'get', 'deployment', 'api'])).toBeUndefined()
    expect(await getObject(kubeconfig, ['-n', ns, 'get', 'deployment', 'db'])).toBeUndefined()
    await expect(callK8s(kubeconfig, MODULE, 'delete_deployment', { name: 'web', ns })).rejects.toThrow(
      `no Deployment named 'web' in namespace '${ns}': nothing was deleted`,
    )
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', '-'], deploymentManifest('web', 1))
    await callK8s(kubeconfig, MODULE, 'delete_deployment', { ns, all: true })
    expect(await getObject(kubeconfig, ['-n', ns, 'get', 'deployment', 'web'])).toBeUndefined()
  })
})
