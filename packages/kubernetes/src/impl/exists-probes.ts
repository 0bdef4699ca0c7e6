import type { ModuleFunctionImpl } from '@steadystate/core'
import { k8s, namespace, str } from './context.ts'
import { describeObject, INGRESS, listObjects, NAMESPACE, SECRET, type Resource } from './objects.ts'

/**
 * `<kind>_exists`: True when an object matches the name and/or label selector, False otherwise
 * (these probes never raise). With neither, any object of the kind in the namespace counts, as in
 * the reference.
 */
export function existsProbe(resource: Resource): ModuleFunctionImpl {
  return k8s(async (args, context) => {
    const name = str(args, 'name') || undefined
    const labels = str(args, 'label_selector') || undefined
    const ns = resource.namespaced ? namespace(args) : undefined
    const items = await listObjects(context, resource, ns, {
      fieldSelector: name === undefined ? undefined : `metadata.name=${name}`,
      labelSelector: labels,
    })
    if (items.length === 0) {
      const where = ns === undefined ? '' : ` in namespace '${ns}'`
      const labelled = labels === undefined ? '' : ` with labels '${labels}'`
      context.log.info(
        name === undefined
          ? `no ${resource.kind}${labelled} exists${where}`
          : `${describeObject(resource, name, ns)}${labelled} does not exist`,
      )
    }
    return items.length > 0
  })
}

/** `namespace_exists(name)`. */
export const namespaceExists = existsProbe(NAMESPACE)
/** `secret_exists(name, ns, label_selector)`. */
export const secretExists = existsProbe(SECRET)
/** `ingress_exists(name, ns)`. */
export const ingressExists = existsProbe(INGRESS)
