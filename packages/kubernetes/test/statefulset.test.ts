import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { createNamespace, deleteNamespace, listPods, waitUntil } from '../../../test/support/kubectl.ts'
import { callK8s } from './call.ts'
import { dryRunK8s, getObject, makeUnready, specFile, statefulSetManifest } from './objects.ts'

const ACTIONS = 'chaosk8s.statefulset.actions'
const PROBES = 'chaosk8s.statefulset.probes'

describe('chaosk8s.statefulset actions and probes against a real API server', () => {
  const kubeconfig = inject('kubeconfig')
  let ns: string
  beforeEach(async () => {
    ns = await createNamespace(kubeconfig, 'sts')
    const created = await callK8s(kubeconfig, ACTIONS, 'create_statefulset', {
      spec_path: specFile(statefulSetManifest('db', 2)),
      ns,
    })
    expect(created.output).toBeNull()
  })
  afterEach(async () => {
    await deleteNamespace(kubeconfig, ns)
  })

  it('create_statefulset, then statefulset_fully_available waits until every replica is ready', async () => {
    const probe = await callK8s(kubeconfig, PROBES, 'statefulset_fully_available', {
      name: 'db',
      ns,
      timeout: 30,
    })
    expect(probe.output).toBe(true)
    expect((await listPods(kubeconfig, ns, 'app=db')).filter((p) => p.ready)).toHaveLength(2)
  })

  it('statefulset_not_fully_available sees a replica that is not ready; fully_available times out', async () => {
    await callK8s(kubeconfig, PROBES, 'statefulset_fully_available', { name: 'db', ns })
    await makeUnready(kubeconfig, ns, 'db-0')
    const degraded = await callK8s(kubeconfig, PROBES, 'statefulset_not_fully_available', { name: 'db', ns })
    expect(degraded.output).toBe(true)
    const started = Date.now()
    await expect(
      callK8s(kubeconfig, PROBES, 'statefulset_fully_available', { name: 'db', ns, timeout: 1 }),
    ).rejects.toThrow(/statefulset 'db' failed to recover within 1s \(1\/2 ready/)
    // Far below the no-deadline case (the test's own timeout), with room for a loaded CI machine.
    expect(Date.now() - started).toBeLessThan(20_000)
    const quiet = await callK8s(kubeconfig, PROBES, 'statefulset_fully_available', {
      name: 'db',
      ns,
      timeout: 1,
      raise_on_not_fully_available: false,
    })
    expect(quiet.output).toBe(false)
    await expect(
      callK8s(kubeconfig, PROBES, 'statefulset_not_fully_available', { name: 'nope', ns, timeout: 1 }),
    ).rejects.toThrow("statefulset 'nope' failed to stop running within 1s (not found)")
  })

  it('scale_statefulset changes the replicas; fully_available then waits for the new ones', async () => {
    await callK8s(kubeconfig, PROBES, 'statefulset_fully_available', { name: 'db', ns })
    expect(await dryRunK8s(kubeconfig, ACTIONS, 'scale_statefulset', { name: 'db', replicas: 4, ns })).toBe(
      `would scale StatefulSet 'db' in namespace '${ns}' from 2 to 4 replica(s)`,
    )
    expect(
      (await callK8s(kubeconfig, ACTIONS, 'scale_statefulset', { name: 'db', replicas: 4, ns })).output,
    ).toBeNull()
    const statefulSet = await getObject<{ spec: { replicas: number } }>(kubeconfig, [
      '-n',
      ns,
      'get',
      'sts',
      'db',
    ])
    expect(statefulSet?.spec.replicas).toBe(4)
    await callK8s(kubeconfig, PROBES, 'statefulset_fully_available', { name: 'db', ns })
    expect((await listPods(kubeconfig, ns, 'app=db')).filter((p) => p.ready)).toHaveLength(4)
    await expect(
      callK8s(kubeconfig, ACTIONS, 'scale_statefulset', { name: 'nope', replicas: 1, ns }),
    ).rejects.toThrow(
      `failed to scale 'nope' to 1 replicas: StatefulSet 'nope' in namespace '${ns}' was not found`,
    )
  })

  it('remove_statefulset deletes by name, by labels, and refuses an implicit "all"', async () => {
    await expect(callK8s(kubeconfig, ACTIONS, 'remove_statefulset', { ns })).rejects.toThrow(
      /remove_statefulset needs a name or a label_selector/,
    )
    expect(await dryRunK8s(kubeconfig, ACTIONS, 'remove_statefulset', { label_selector: 'app=db', ns })).toBe(
      `would delete 1 StatefulSet(s) in namespace '${ns}': db`,
    )
    expect((await callK8s(kubeconfig, ACTIONS, 'remove_statefulset', { name: 'db', ns })).output).toBeNull()
    expect(await getObject(kubeconfig, ['-n', ns, 'get', 'sts', 'db'])).toBeUndefined()
    await callK8s(kubeconfig, ACTIONS, 'create_statefulset', {
      spec_path: specFile(statefulSetManifest('cache', 1)),
      ns,
    })
    await callK8s(kubeconfig, ACTIONS, 'remove_statefulset', { label_selector: 'app=cache', ns })
    expect(await getObject(kubeconfig, ['-n', ns, 'get', 'sts', 'cache'])).toBeUndefined()
    await waitUntil(
      'pods gone',
      () => listPods(kubeconfig, ns, 'app in (db, cache)'),
      (pods) => pods.length === 0,
    )
  })
})
