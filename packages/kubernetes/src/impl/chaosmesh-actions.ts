import type { ModuleFunctionImpl } from '@steadystate/core'
import { k8s, namespace, requiredStr } from './context.ts'
import { networkChaos, type NetworkFault } from './chaosmesh-network-spec.ts'
import { CHAOS_MESH_GROUP, CHAOS_MESH_VERSION, type ChaosObject } from './chaosmesh-object.ts'
import { stressChaos, type Stressor } from './chaosmesh-stress-spec.ts'
import { checkSelection } from './chaosmesh-selection.ts'
import { describeChaos } from './chaosmesh-summary.ts'
import { guardCustomObject } from './custom-guard.ts'
import { createCustom, deleteCustom, getCustom, listCustom, type CustomTarget } from './custom-objects.ts'
import { waitUntilLifted } from './chaosmesh-lift.ts'
import { describeObject, type Resource } from './objects.ts'
import { writeOperation, type WriteOperation } from './write-operation.ts'

export function chaosTarget(resource: Resource, ns: string): CustomTarget {
  return {
    resource,
    ns,
    gvr: `${resource.plural}.${CHAOS_MESH_GROUP}/${CHAOS_MESH_VERSION}`,
    missingHint: 'is Chaos Mesh installed (its CustomResourceDefinitions)?',
  }
}

/**
 * Creates the Chaos Mesh object a builder makes from the arguments. The namespace guardrail covers
 * the object's namespace and every namespace its selectors reach; the pods it would reach are
 * counted first (none, or more than the guardrails allow, and nothing is created).
 */
function injectFault(
  resource: Resource,
  build: (args: Record<string, unknown>) => ChaosObject,
): WriteOperation {
  return async (args, context, dryRun) => {
    const object = build(args)
    const { name, namespace: ns } = object.metadata
    guardCustomObject(ns, object, context.guardrails)
    const reach = await checkSelection(context, object)
    const target = chaosTarget(resource, ns)
    const { output, existed } = await createCustom(context, target, { ...object }, { dryRun })
    return {
      output,
      what: `${describeObject(resource, name, ns)}: ${describeChaos(object)}; ${reach}`,
      unchanged: existed,
    }
  }
}

/**
 * Deletes a Chaos Mesh object (a rollback: this lifts the fault, so protected namespaces are not
 * refused here) and waits until Chaos Mesh has let it go. The output is the API server's answer to
 * the delete, as with the reference.
 */
function liftFault(resource: Resource): WriteOperation {
  return async (args, context, dryRun) => {
    const name = requiredStr(args, 'name')
    const target = chaosTarget(resource, namespace(args))
    const output = await deleteCustom(context, target, name, { dryRun })
    if (!dryRun) await waitUntilLifted(context, target, name, output)
    return { output, what: describeObject(resource, name, target.ns) }
  }
}

export function networkFault(resource: Resource, fault: NetworkFault) {
  return writeOperation(
    'create',
    injectFault(resource, (args) => networkChaos(fault, args)),
  )
}

export function stressFault(resource: Resource, stressor: Stressor) {
  return writeOperation(
    'create',
    injectFault(resource, (args) => stressChaos(stressor, args)),
  )
}

export function deleteFault(resource: Resource) {
  return writeOperation('delete', liftFault(resource))
}

/** `get_network_fault(s)`, `get_stressor(s)`: the object, or the namespace's list object. */
export function getFault(resource: Resource): ModuleFunctionImpl {
  return k8s((args, context) =>
    getCustom(context, chaosTarget(resource, namespace(args)), requiredStr(args, 'name')),
  )
}

export function listFaults(resource: Resource): ModuleFunctionImpl {
  return k8s((args, context) => listCustom(context, chaosTarget(resource, namespace(args))))
}
