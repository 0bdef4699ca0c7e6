import type { ModuleFunctionImpl } from '@steadystate/core'
import { k8s, requiredStr } from './context.ts'
import { customTarget, getCustom, listCustom } from './custom-objects.ts'

/**
 * `chaosk8s.crd.probes`: custom objects as the API server returns them (the reference's failures
 * all say "Failed to create custom resource object"; here they name the verb).
 */
function get(namespaced: boolean): ModuleFunctionImpl {
  return k8s((args, context) => getCustom(context, customTarget(args, namespaced), requiredStr(args, 'name')))
}

function list(namespaced: boolean): ModuleFunctionImpl {
  return k8s((args, context) => listCustom(context, customTarget(args, namespaced)))
}

export const CRD_PROBES: Record<string, ModuleFunctionImpl> = {
  get_custom_object: get(true),
  list_custom_objects: list(true),
  get_cluster_custom_object: get(false),
  list_cluster_custom_objects: list(false),
}
