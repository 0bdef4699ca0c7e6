import type { ModuleFunctionImpl } from '@steadystate/core'
import { checkNamespace } from '../select/guardrails.ts'
import { k8s, namespace, requiredStr, withContext, type K8sContext } from './context.ts'
import { deleteObject, describeObject, readObject, type Resource } from './objects.ts'

function target(
  args: Record<string, unknown>,
  context: K8sContext,
  resource: Resource,
): { name: string; ns: string | undefined } {
  const name = requiredStr(args, 'name')
  const ns = resource.namespaced ? namespace(args) : undefined
  // A Namespace is guarded by its own name; namespaced objects by the namespace they live in.
  checkNamespace(ns ?? name, context.guardrails)
  return { name, ns }
}

/**
 * `delete_<kind>(name[, ns])`: deletes one object by name and returns None like the reference. A
 * missing object fails the activity naming its kind, name and namespace.
 */
export function deleteNamed(resource: Resource): ModuleFunctionImpl {
  return k8s(async (args, context) => {
    const { name, ns } = target(args, context, resource)
    await deleteObject(context, resource, name, ns)
    context.log.info(`deleted ${describeObject(resource, name, ns)}`)
    return null
  })
}

/** Dry run: checks the object exists and says it would be deleted. */
export function describeDeleteNamed(resource: Resource) {
  return withContext(async (args, context) => {
    const { name, ns } = target(args, context, resource)
    await readObject(context, resource, name, ns)
    return `would delete ${describeObject(resource, name, ns)}`
  })
}
