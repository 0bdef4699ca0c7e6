import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { createNamespace, deleteNamespace } from '../../../test/support/kubectl.ts'
import { callK8s } from './call.ts'
import { dryRunK8s, getObject, specFile } from './objects.ts'

const ACTIONS = 'chaosk8s.networking.actions'

const INGRESS_YAML = [
  'apiVersion: networking.k8s.io/v1',
  'kind: Ingress',
  'metadata: {name: web}',
  'spec:',
  '  rules:',
  '  - host: web.example.com',
  '    http:',
  '      paths:',
  '      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}',
].join('\n')

interface Policy {
  spec: {
    podSelector: { matchLabels?: Record<string, string> }
    policyTypes: string[]
    ingress?: unknown[]
    egress?: { ports: { port: number; protocol: string }[] }[]
  }
}

describe('chaosk8s.networking actions and probes against a real API server', () => {
  const kubeconfig = inject('kubeconfig')
  let ns: string
  const policy = (name: string) => getObject<Policy>(kubeconfig, ['-n', ns, 'get', 'networkpolicy', name])
  beforeEach(async () => {
    ns = await createNamespace(kubeconfig, 'net')
  })
  afterEach(async () => {
    await deleteNamespace(kubeconfig, ns)
  })

  it('create_ingress, ingress_exists, update_ingress (strategic merge), delete_ingress', async () => {
    const exists = async (name: string) =>
      (await callK8s(kubeconfig, 'chaosk8s.networking.probes', 'ingress_exists', { name, ns })).output
    expect(await exists('web')).toBe(false)
    const created = await callK8s(kubeconfig, ACTIONS, 'create_ingress', {
      spec_path: specFile(INGRESS_YAML, 'yaml'),
      ns,
    })
    expect(created.output).toBeNull()
    expect(await exists('web')).toBe(true)

    const spec = { metadata: { annotations: { 'chaos/injected': 'yes' } } }
    expect(
      (await callK8s(kubeconfig, ACTIONS, 'update_ingress', { name: 'web', spec, ns })).output,
    ).toBeNull()
    const updated = await getObject<{
      metadata: { annotations: Record<string, string> }
      spec: { rules: unknown[] }
    }>(kubeconfig, ['-n', ns, 'get', 'ingress', 'web'])
    expect(updated?.metadata.annotations['chaos/injected']).toBe('yes')
    expect(updated?.spec.rules).toHaveLength(1)
    await expect(callK8s(kubeconfig, ACTIONS, 'update_ingress', { name: 'nope', spec, ns })).rejects.toThrow(
      `failed to update ingress 'nope': Ingress 'nope' in namespace '${ns}' was not found`,
    )

    expect(await dryRunK8s(kubeconfig, ACTIONS, 'delete_ingress', { name: 'web', ns })).toBe(
      `would delete Ingress 'web' in namespace '${ns}'`,
    )
    expect((await callK8s(kubeconfig, ACTIONS, 'delete_ingress', { name: 'web', ns })).output).toBeNull()
    expect(await exists('web')).toBe(false)
    await expect(callK8s(kubeconfig, ACTIONS, 'delete_ingress', { name: 'web', ns })).rejects.toThrow(
      `Ingress 'web' in namespace '${ns}' was not found`,
    )
  })

  it('create_network_policy from spec or spec_path, remove_network_policy', async () => {
    const spec = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'from-spec' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    }
    expect((await callK8s(kubeconfig, ACTIONS, 'create_network_policy', { spec, ns })).output).toBeNull()
    const fromFile = { ...spec, metadata: { name: 'from-file' } }
    await callK8s(kubeconfig, ACTIONS, 'create_network_policy', { spec_path: specFile(fromFile), ns })
    expect(await policy('from-spec')).toBeDefined()
    expect(await policy('from-file')).toBeDefined()
    await expect(callK8s(kubeconfig, ACTIONS, 'create_network_policy', { ns })).rejects.toThrow(
      'create_network_policy needs a spec or a spec_path',
    )
    await expect(
      callK8s(kubeconfig, ACTIONS, 'create_network_policy', { spec, spec_path: '/nowhere/policy.json', ns }),
    ).rejects.toThrow(/cannot read spec_path '\/nowhere\/policy\.json'/)
    await expect(
      callK8s(kubeconfig, ACTIONS, 'create_network_policy', { spec, ns: 'kube-system' }),
    ).rejects.toThrow(/namespace 'kube-system' is protected/)
    expect(await dryRunK8s(kubeconfig, ACTIONS, 'remove_network_policy', { name: 'from-spec', ns })).toBe(
      `would delete NetworkPolicy 'from-spec' in namespace '${ns}'`,
    )
    expect(
      (await callK8s(kubeconfig, ACTIONS, 'remove_network_policy', { name: 'from-spec', ns })).output,
    ).toBeNull()
    expect(await policy('from-spec')).toBeUndefined()
  })

  it('deny_all_ingress, deny_all_egress and allow_dns_access create the fixed policies; remove_* delete them', async () => {
    expect(
      await dryRunK8s(kubeconfig, ACTIONS, 'deny_all_ingress', { label_selectors: { app: 'web' }, ns }),
    ).toBe(
      `would create NetworkPolicy 'chaostoolkit-deny-all-ingress' in namespace '${ns}' for pods labelled {"app":"web"}`,
    )
    await callK8s(kubeconfig, ACTIONS, 'deny_all_ingress', { label_selectors: { app: 'web' }, ns })
    expect((await policy('chaostoolkit-deny-all-ingress'))?.spec).toEqual({
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Ingress'],
    })
    await callK8s(kubeconfig, ACTIONS, 'deny_all_egress', { ns })
    expect((await policy('chaostoolkit-deny-all-egress'))?.spec).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
    })
    await callK8s(kubeconfig, ACTIONS, 'allow_dns_access', { ns })
    const dns = await policy('chaostoolkit-allow-dns')
    expect(dns?.spec.egress?.[0]?.ports).toEqual([
      { port: 53, protocol: 'UDP' },
      { port: 53, protocol: 'TCP' },
    ])
    await expect(
      callK8s(kubeconfig, ACTIONS, 'deny_all_ingress', { label_selectors: { app: 1 }, ns }),
    ).rejects.toThrow('label_selectors.app must be a string, got 1')

    for (const [remove, name] of [
      ['remove_deny_all_ingress', 'chaostoolkit-deny-all-ingress'],
      ['remove_deny_all_egress', 'chaostoolkit-deny-all-egress'],
      ['remove_allow_dns_access', 'chaostoolkit-allow-dns'],
    ] as const) {
      expect((await callK8s(kubeconfig, ACTIONS, remove, { ns })).output).toBeNull()
      expect(await policy(name)).toBeUndefined()
      await expect(callK8s(kubeconfig, ACTIONS, remove, { ns })).rejects.toThrow(
        `NetworkPolicy '${name}' in namespace '${ns}' was not found`,
      )
    }
  })
})
