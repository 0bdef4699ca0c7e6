import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { createNamespace, deleteNamespace } from '../../../test/support/kubectl.ts'
import { callK8s } from './call.ts'
import { dryRunK8s, getObject, specFile } from './objects.ts'

const SERVICE_YAML = [
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: web, labels: {app: web}}',
  'spec:',
  '  selector: {app: web}',
  '  ports: [{port: 80, targetPort: 8080}]',
].join('\n')

describe('chaosk8s.service actions and probes against a real API server', () => {
  const kubeconfig = inject('kubeconfig')
  let ns: string
  beforeEach(async () => {
    ns = await createNamespace(kubeconfig, 'svc')
  })
  afterEach(async () => {
    await deleteNamespace(kubeconfig, ns)
  })

  it('create_service_endpoint creates the Service; service_is_initialized finds it by name or labels', async () => {
    const created = await callK8s(kubeconfig, 'chaosk8s.service.actions', 'create_service_endpoint', {
      spec_path: specFile(SERVICE_YAML, 'yaml'),
      ns,
    })
    expect(created.output).toBeNull()
    expect(await getObject(kubeconfig, ['-n', ns, 'get', 'service', 'web'])).toMatchObject({
      spec: { ports: [expect.objectContaining({ port: 80 })] },
    })
    const probe = (args: Record<string, unknown>) =>
      callK8s(kubeconfig, 'chaosk8s.service.probes', 'service_is_initialized', { ns, ...args })
    expect((await probe({ name: 'web' })).output).toBe(true)
    expect((await probe({ label_selector: 'app=web' })).output).toBe(true)
    expect((await probe({ name: 'nope', raise_if_service_not_initialized: false })).output).toBe(false)
    await expect(probe({ name: 'nope' })).rejects.toThrow(`service 'nope' was not found in namespace '${ns}'`)
  })

  it('delete_service deletes the Service, and fails naming one that does not exist', async () => {
    await callK8s(kubeconfig, 'chaosk8s.service.actions', 'create_service_endpoint', {
      spec_path: specFile(SERVICE_YAML, 'yaml'),
      ns,
    })
    expect(
      await dryRunK8s(kubeconfig, 'chaosk8s.service.actions', 'delete_service', { name: 'web', ns }),
    ).toBe(`would delete Service 'web' in namespace '${ns}'`)
    const deleted = await callK8s(kubeconfig, 'chaosk8s.service.actions', 'delete_service', {
      name: 'web',
      ns,
    })
    expect(deleted.output).toBeNull()
    expect(await getObject(kubeconfig, ['-n', ns, 'get', 'service', 'web'])).toBeUndefined()
    await expect(
      callK8s(kubeconfig, 'chaosk8s.service.actions', 'delete_service', { name: 'web', ns }),
    ).rejects.toThrow(`Service 'web' in namespace '${ns}' was not found`)
    await expect(
      callK8s(kubeconfig, 'chaosk8s.service.actions', 'delete_service', {
        name: 'kube-dns',
        ns: 'kube-system',
      }),
    ).rejects.toThrow(/namespace 'kube-system' is protected/)
  })
})
