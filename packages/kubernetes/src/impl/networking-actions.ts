import { ActivityFailedError, type ModuleFunctionImpl } from '@steadystate/core'
import { checkNamespace } from '../select/guardrails.ts'
import { k8s, namespace, str, withContext, type K8sContext } from './context.ts'
import { deleteNamed, describeDeleteNamed } from './delete-named.ts'
import { loadManifest, objectArg } from './manifest.ts'
import { createObject, deleteObject, describeObject, INGRESS, NETWORK_POLICY, readObject } from './objects.ts'
import { createFromSpec, describeUpdate, updateResource } from './spec-actions.ts'

/** `create_ingress(spec_path, ns)`. */
export const createIngress = createFromSpec(INGRESS)
/** `delete_ingress(name, ns)`. */
export const deleteIngress = deleteNamed(INGRESS)
export const describeDeleteIngress = describeDeleteNamed(INGRESS)
/** `update_ingress(name, spec, ns)`: a strategic merge patch (the reference's message says "daemon set"). */
export const updateIngress = updateResource(INGRESS, 'ingress')
export const describeUpdateIngress = describeUpdate(INGRESS)

async function createPolicy(context: K8sContext, ns: string, body: Record<string, unknown>): Promise<null> {
  checkNamespace(ns, context.guardrails)
  const created = await createObject<{ metadata?: { name?: string } }>(context, NETWORK_POLICY, ns, body)
  context.log.info(`created ${describeObject(NETWORK_POLICY, created.metadata?.name ?? '', ns)}`)
  return null
}

/**
 * `create_network_policy(spec, spec_path, ns)`: from the file when `spec_path` is given, else from
 * `spec`. A `spec_path` that does not exist fails (the reference silently falls back to `spec`, then
 * sends None).
 */
export const createNetworkPolicy = k8s(async (args, context) => {
  const specPath = str(args, 'spec_path') || undefined
  const body =
    specPath === undefined
      ? objectArg(args, 'spec')
      : await loadManifest(specPath, context.call.cwd, NETWORK_POLICY.kind)
  if (body === undefined) throw new ActivityFailedError('create_network_policy needs a spec or a spec_path')
  return createPolicy(context, namespace(args), body)
})

/** `remove_network_policy(name, ns)`. */
export const removeNetworkPolicy = deleteNamed(NETWORK_POLICY)
export const describeRemoveNetworkPolicy = describeDeleteNamed(NETWORK_POLICY)

/** `label_selectors`: a mapping of label to value, used as the policy's `podSelector.matchLabels`. */
function podSelector(args: Record<string, unknown>): Record<string, unknown> {
  const labels = objectArg(args, 'label_selectors')
  if (labels === undefined || Object.keys(labels).length === 0) return {}
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value !== 'string')
      throw new ActivityFailedError(`label_selectors.${key} must be a string, got ${JSON.stringify(value)}`)
  }
  return { matchLabels: labels }
}

/** The fixed-name policies of the reference's helpers, so their `remove_*` counterparts find them. */
const POLICIES = {
  'chaostoolkit-deny-all-ingress': (selector: Record<string, unknown>) => ({
    podSelector: selector,
    policyTypes: ['Ingress'],
    ingress: [],
  }),
  'chaostoolkit-deny-all-egress': (selector: Record<string, unknown>) => ({
    podSelector: selector,
    policyTypes: ['Egress'],
  }),
  'chaostoolkit-allow-dns': (selector: Record<string, unknown>) => ({
    podSelector: selector,
    policyTypes: ['Egress'],
    egress: [
      {
        to: [{ namespaceSelector: {} }],
        ports: [
          { port: 53, protocol: 'UDP' },
          { port: 53, protocol: 'TCP' },
        ],
      },
    ],
  }),
}
type PolicyName = keyof typeof POLICIES

function policy(name: PolicyName, args: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name },
    spec: POLICIES[name](podSelector(args)),
  }
}

function addPolicy(name: PolicyName): ModuleFunctionImpl {
  return k8s((args, context) => createPolicy(context, namespace(args), policy(name, args)))
}

function describeAddPolicy(name: PolicyName) {
  return withContext((args) => {
    const selector = podSelector(args)
    const pods =
      'matchLabels' in selector ? `pods labelled ${JSON.stringify(selector.matchLabels)}` : 'every pod'
    return Promise.resolve(
      `would create NetworkPolicy '${name}' in namespace '${namespace(args)}' for ${pods}`,
    )
  })
}

function removePolicy(name: PolicyName): ModuleFunctionImpl {
  return k8s(async (args, context) => {
    const ns = namespace(args)
    checkNamespace(ns, context.guardrails)
    await deleteObject(context, NETWORK_POLICY, name, ns)
    context.log.info(`deleted ${describeObject(NETWORK_POLICY, name, ns)}`)
    return null
  })
}

function describeRemovePolicy(name: PolicyName) {
  return withContext(async (args, context) => {
    const ns = namespace(args)
    checkNamespace(ns, context.guardrails)
    await readObject(context, NETWORK_POLICY, name, ns)
    return `would delete ${describeObject(NETWORK_POLICY, name, ns)}`
  })
}

export const denyAllIngress = addPolicy('chaostoolkit-deny-all-ingress')
export const describeDenyAllIngress = describeAddPolicy('chaostoolkit-deny-all-ingress')
export const removeDenyAllIngress = removePolicy('chaostoolkit-deny-all-ingress')
export const describeRemoveDenyAllIngress = describeRemovePolicy('chaostoolkit-deny-all-ingress')
export const denyAllEgress = addPolicy('chaostoolkit-deny-all-egress')
export const describeDenyAllEgress = describeAddPolicy('chaostoolkit-deny-all-egress')
export const removeDenyAllEgress = removePolicy('chaostoolkit-deny-all-egress')
export const describeRemoveDenyAllEgress = describeRemovePolicy('chaostoolkit-deny-all-egress')
export const allowDnsAccess = addPolicy('chaostoolkit-allow-dns')
export const describeAllowDnsAccess = describeAddPolicy('chaostoolkit-allow-dns')
export const removeAllowDnsAccess = removePolicy('chaostoolkit-allow-dns')
export const describeRemoveAllowDnsAccess = describeRemovePolicy('chaostoolkit-allow-dns')
