import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import { deploymentManifest, kubectl, listPods, waitUntil, useNamespace } from '../support/kubectl.ts'

/** The loopback control plane is a real one: controllers recreate pods, kwok makes them Ready. */
describe('the test cluster', () => {
  const kubeconfig = inject('kubeconfig')
  const currentNamespace = useNamespace(kubeconfig, 'cluster')
  let namespace: string
  beforeEach(() => {
    namespace = currentNamespace()
  })

  it('replaces a deleted pod of a 3-replica Deployment with a new one that becomes Ready', async () => {
    await kubectl(kubeconfig, ['-n', namespace, 'apply', '-f', '-'], deploymentManifest('web', 3))
    const ready = await waitUntil(
      '3 Ready pods',
      () => listPods(kubeconfig, namespace, 'app=web'),
      (pods) => pods.filter((p) => p.ready && !p.deleting).length === 3,
    )
    const victim = ready[0]!
    const deletedAt = Date.now()
    await kubectl(kubeconfig, ['-n', namespace, 'delete', 'pod', victim.name, '--wait=false'])
    const after = await waitUntil(
      'a Ready replacement',
      () => listPods(kubeconfig, namespace, 'app=web'),
      (pods) => pods.filter((p) => p.ready && !p.deleting && p.uid !== victim.uid).length === 3,
    )
    const replacement = after.find((p) => !ready.some((r) => r.uid === p.uid))
    expect(replacement?.ready).toBe(true)
    expect(replacement?.phase).toBe('Running')
    expect(after.some((p) => p.uid === victim.uid && !p.deleting)).toBe(false)
    expect(Date.now() - deletedAt).toBeLessThan(30_000)
  })

  it('enforces RBAC: a ServiceAccount cannot list pods outside what it is granted', async () => {
    await kubectl(kubeconfig, ['-n', namespace, 'create', 'serviceaccount', 'reader'])
    const token = (await kubectl(kubeconfig, ['-n', namespace, 'create', 'token', 'reader'])).trim()
    const server = (
      await kubectl(kubeconfig, [
        'config',
        'view',
        '--minify',
        '-o',
        'jsonpath={.clusters[0].cluster.server}',
      ])
    ).trim()
    // A kubeconfig of its own, so the admin client certificate does not come along.
    const tokenOnly = join(mkdtempSync(join(tmpdir(), 'sa-')), 'kubeconfig')
    writeFileSync(tokenOnly, 'apiVersion: v1\nkind: Config\n')
    const asReader = (args: string[]) =>
      kubectl(tokenOnly, ['--server', server, '--token', token, '--insecure-skip-tls-verify', ...args])
    await expect(asReader(['-n', 'kube-system', 'get', 'pods'])).rejects.toThrow(/forbidden/i)
    await expect(asReader(['-n', namespace, 'get', 'pods'])).rejects.toThrow(/forbidden/i)
  })
})
