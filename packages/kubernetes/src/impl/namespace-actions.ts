import { ActivityFailedError } from '@steadystate/core'
import { k8s, str } from './context.ts'
import { deleteNamed, describeDeleteNamed } from './delete-named.ts'
import { loadManifest } from './manifest.ts'
import { createObject, NAMESPACE } from './objects.ts'

/**
 * `create_namespace(name, spec_path)`: from a manifest when `spec_path` is given, else a bare
 * Namespace called `name`; one of the two is required (the reference's message).
 */
export const createNamespace = k8s(async (args, context) => {
  const specPath = str(args, 'spec_path') || undefined
  const name = str(args, 'name') || undefined
  let body: Record<string, unknown>
  if (specPath !== undefined) body = await loadManifest(specPath, context.call.cwd, NAMESPACE.kind)
  else if (name !== undefined) body = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }
  else throw new ActivityFailedError('You need to either specify name or spec_path')
  const created = await createObject<{ metadata?: { name?: string } }>(context, NAMESPACE, undefined, body)
  context.log.info(`created Namespace '${created.metadata?.name ?? ''}'`)
  return null
})

/** `delete_namespace(name)`: protected namespaces (kube-system, …) are refused by the guardrails. */
export const deleteNamespace = deleteNamed(NAMESPACE)
export const describeDeleteNamespace = describeDeleteNamed(NAMESPACE)
