import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { createNamespace, deleteNamespace, kubectl } from '../../../test/support/kubectl.ts'
import { callK8s } from './call.ts'
import { dryRunK8s, getObject, specFile } from './objects.ts'

const ACTIONS = 'chaosk8s.namespace.actions'

describe('chaosk8s.namespace actions and probes against a real API server', () => {
  const kubeconfig = inject('kubeconfig')
  let ns: string
  let extra: string
  beforeEach(async () => {
    ns = await createNamespace(kubeconfig, 'nsx')
    extra = `${ns}-${randomBytes(2).toString('hex')}`
  })
  afterEach(async () => {
    await deleteNamespace(kubeconfig, ns)
    await kubectl(kubeconfig, ['delete', 'namespace', extra, '--ignore-not-found', '--wait=false'])
  })

  it('namespace_exists is True for an existing namespace, False otherwise', async () => {
    const exists = (name: string) =>
      callK8s(kubeconfig, 'chaosk8s.namespace.probes', 'namespace_exists', { name })
    expect((await exists(ns)).output).toBe(true)
    expect((await exists(extra)).output).toBe(false)
  })

  it('create_namespace by name or from a manifest, delete_namespace deletes it', async () => {
    expect((await callK8s(kubeconfig, ACTIONS, 'create_namespace', { name: extra })).output).toBeNull()
    expect(await getObject(kubeconfig, ['get', 'namespace', extra])).toMatchObject({
      status: { phase: 'Active' },
    })
    expect(await dryRunK8s(kubeconfig, ACTIONS, 'delete_namespace', { name: extra })).toBe(
      `would delete Namespace '${extra}'`,
    )
    expect((await callK8s(kubeconfig, ACTIONS, 'delete_namespace', { name: extra })).output).toBeNull()
    const deleting = await getObject<{ status: { phase: string } }>(kubeconfig, ['get', 'namespace', extra])
    expect(deleting === undefined || deleting.status.phase === 'Terminating').toBe(true)
    const other = `${extra}-b`
    try {
      const manifest = {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: other, labels: { team: 'chaos' } },
      }
      await callK8s(kubeconfig, ACTIONS, 'create_namespace', { spec_path: specFile(manifest) })
      expect(await getObject(kubeconfig, ['get', 'namespace', other])).toMatchObject({
        metadata: { labels: expect.objectContaining({ team: 'chaos' }) },
      })
    } finally {
      await kubectl(kubeconfig, ['delete', 'namespace', other, '--ignore-not-found', '--wait=false'])
    }
  })

  it('refuses protected namespaces and names what is missing', async () => {
    await expect(callK8s(kubeconfig, ACTIONS, 'create_namespace', {})).rejects.toThrow(
      'You need to either specify name or spec_path',
    )
    await expect(callK8s(kubeconfig, ACTIONS, 'delete_namespace', { name: 'kube-system' })).rejects.toThrow(
      /namespace 'kube-system' is protected/,
    )
    await expect(callK8s(kubeconfig, ACTIONS, 'delete_namespace', { name: extra })).rejects.toThrow(
      `Namespace '${extra}' was not found`,
    )
  })
})
