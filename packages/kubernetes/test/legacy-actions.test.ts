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

const MODULE = 'chaosk8s.actions'

describe('chaosk8s.actions (deprecated aliases) against a real API server', () => {
  const kubeconfig = inject('kubeconfig')
  let ns: string
  beforeEach(async () => {
    ns = await createNamespace(kubeconfig, 'legacy')
  })
  afterEach(async () => {
    await deleteNamespace(kubeconfig, ns)
  })

  it('start_microservice and scale_microservice create and scale a Deployment, with a deprecation warning', async () => {
    const started = await callK8s(kubeconfig, MODULE, 'start_microservice', {
      spec_path: specFile(JSON.parse(deploymentManifest('web', 1, { name: 'web' }))),
      ns,
    })
    expect(started.output).toBeNull()
    expect(started.logs[0]).toBe(
      'warn: start_microservice function is DEPRECATED and will be removed in the next releases, please use create_deployment instead',
    )
    await waitUntil(
      '1 Ready pod',
      () => listPods(kubeconfig, ns, 'name=web'),
      (pods) => pods.some((p) => p.ready),
    )
    expect(await dryRunK8s(kubeconfig, MODULE, 'scale_microservice', { name: 'web', replicas: 2, ns })).toBe(
      `would scale Deployment 'web' in namespace '${ns}' from 1 to 2 replica(s)`,
    )
    const scaled = await callK8s(kubeconfig, MODULE, 'scale_microservice', { name: 'web', replicas: 2, ns })
    expect(scaled.output).toBeNull()
    expect(scaled.logs[0]).toMatch(/scale_microservice function is DEPRECATED.*scale_deployment/)
    await waitUntil(
      '2 Ready pods',
      () => listPods(kubeconfig, ns, 'name=web'),
      (pods) => pods.filter((p) => p.ready).length === 2,
    )
  })

  it('remove_service_endpoint deletes the Service', async () => {
    await kubectl(kubeconfig, ['-n', ns, 'create', 'service', 'clusterip', 'web', '--tcp=80:8080'])
    expect(await dryRunK8s(kubeconfig, MODULE, 'remove_service_endpoint', { name: 'web', ns })).toBe(
      `would delete Service 'web' in namespace '${ns}'`,
    )
    const removed = await callK8s(kubeconfig, MODULE, 'remove_service_endpoint', { name: 'web', ns })
    expect(removed.output).toBeNull()
    expect(removed.logs[0]).toMatch(/remove_service_endpoint function is DEPRECATED.*delete_service/)
    expect(await getObject(kubeconfig, ['-n', ns, 'get', 'service', 'web'])).toBeUndefined()
  })

  it('kill_microservice deletes the Deployment and the pods its formatted label selector matches', async () => {
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', '-'], deploymentManifest('web', 2, { name: 'web' }))
    await kubectl(
      kubeconfig,
      ['-n', ns, 'apply', '-f', '-'],
      deploymentManifest('other', 1, { name: 'other' }),
    )
    const pods = await waitUntil(
      '3 Ready pods',
      () => listPods(kubeconfig, ns, 'name in (web, other)'),
      (list) => list.filter((p) => p.ready).length === 3,
    )
    const web = pods.filter((p) => p.name.startsWith('web-')).map((p) => p.name)
    expect(await dryRunK8s(kubeconfig, MODULE, 'kill_microservice', { name: 'web', ns })).toBe(
      `would delete in namespace '${ns}': Deployment(s) web; Pod(s) ${web.join(', ')}`,
    )
    const killed = await callK8s(kubeconfig, MODULE, 'kill_microservice', { name: 'web', ns })
    expect(killed.output).toBeNull()
    expect(await getObject(kubeconfig, ['-n', ns, 'get', 'deployment', 'web'])).toBeUndefined()
    await waitUntil(
      'web pods gone',
      () => listPods(kubeconfig, ns, 'name=web'),
      (list) => list.length === 0,
    )
    expect((await listPods(kubeconfig, ns, 'name=other')).filter((p) => !p.deleting)).toHaveLength(1)
    await expect(callK8s(kubeconfig, MODULE, 'kill_microservice', { name: 'web', ns })).rejects.toThrow(
      `nothing to kill: no Deployment or ReplicaSet named 'web' and no pod with labels 'name in (web)' in namespace '${ns}'`,
    )
  })
})
