import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { createNamespace, deleteNamespace } from '../../../test/support/kubectl.ts'
import { callK8s } from './call.ts'
import { dryRunK8s, getObject, specFile } from './objects.ts'

const SECRET = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db-password', labels: { app: 'db' } },
  stringData: { password: 'hunter2' },
}

describe('chaosk8s.secret actions and probes against a real API server', () => {
  const kubeconfig = inject('kubeconfig')
  let ns: string
  beforeEach(async () => {
    ns = await createNamespace(kubeconfig, 'secret')
  })
  afterEach(async () => {
    await deleteNamespace(kubeconfig, ns)
  })

  it('create_secret, secret_exists by name or labels, delete_secret', async () => {
    const created = await callK8s(kubeconfig, 'chaosk8s.secret.actions', 'create_secret', {
      spec_path: specFile(SECRET),
      ns,
    })
    expect(created.output).toBeNull()
    expect(await getObject(kubeconfig, ['-n', ns, 'get', 'secret', 'db-password'])).toMatchObject({
      data: { password: Buffer.from('hunter2').toString('base64') },
    })
    const exists = async (args: Record<string, unknown>) =>
      (await callK8s(kubeconfig, 'chaosk8s.secret.probes', 'secret_exists', { ns, ...args })).output
    expect(await exists({ name: 'db-password' })).toBe(true)
    expect(await exists({ label_selector: 'app=db' })).toBe(true)
    expect(await exists({ name: 'db-password', label_selector: 'app=web' })).toBe(false)
    expect(await exists({ name: 'nope' })).toBe(false)
    // The reference's deprecated chaosk8s.probes re-exports it.
    const legacy = await callK8s(kubeconfig, 'chaosk8s.probes', 'secret_exists', { name: 'db-password', ns })
    expect(legacy.output).toBe(true)

    expect(
      await dryRunK8s(kubeconfig, 'chaosk8s.secret.actions', 'delete_secret', { name: 'db-password', ns }),
    ).toBe(`would delete Secret 'db-password' in namespace '${ns}'`)
    const deleted = await callK8s(kubeconfig, 'chaosk8s.secret.actions', 'delete_secret', {
      name: 'db-password',
      ns,
    })
    expect(deleted.output).toBeNull()
    expect(await exists({ name: 'db-password' })).toBe(false)
    await expect(
      callK8s(kubeconfig, 'chaosk8s.secret.actions', 'delete_secret', { name: 'db-password', ns }),
    ).rejects.toThrow(`Secret 'db-password' in namespace '${ns}' was not found`)
  })
})
