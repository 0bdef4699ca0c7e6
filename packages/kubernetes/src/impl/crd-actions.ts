import { checkNamespace } from '../select/guardrails.ts'
import { waitUntilLifted } from './chaosmesh-lift.ts'
import { CHAOS_MESH_GROUP } from './chaosmesh-object.ts'
import { requiredStr, type K8sContext } from './context.ts'
import { appliedObject, appliedTarget, loadBody, loadObject } from './custom-body.ts'
import { guardCustomObject } from './custom-guard.ts'
import {
  createCustom,
  customTarget,
  deleteCustom,
  objectName,
  patchCustom,
  replaceCustom,
  type CustomTarget,
} from './custom-objects.ts'
import { describeObject } from './objects.ts'
import { writeOperation, type WriteOperation } from './write-operation.ts'

/**
 * `chaosk8s.crd.actions`: create, patch, replace and delete custom objects. Every write checks the
 * namespace guardrail (custom objects are often faults: Chaos Mesh, Litmus), and for Chaos Mesh
 * objects the namespaces their selectors reach.
 */

function what(target: CustomTarget, name: string): string {
  return describeObject(target.resource, name, target.ns)
}

function create(namespaced: boolean): WriteOperation {
  return async (args, context, dryRun) => {
    const target = customTarget(args, namespaced)
    const body = await loadObject(args, context.call.cwd)
    guardCustomObject(target.ns, body, context.guardrails)
    const { output, existed } = await createCustom(context, target, body, { dryRun })
    return { output, what: what(target, objectName(body) || objectName(output)), unchanged: existed }
  }
}

/**
 * Deleting a Chaos Mesh object is how an experiment written against `chaosk8s.crd` lifts its fault:
 * as with `delete_network_fault`, protected namespaces are not refused and the call returns once
 * Chaos Mesh has let the object go.
 */
function remove(namespaced: boolean): WriteOperation {
  return async (args, context, dryRun) => {
    const target = customTarget(args, namespaced)
    const name = requiredStr(args, 'name')
    const chaosMesh = args.group === CHAOS_MESH_GROUP
    if (target.ns !== undefined && !chaosMesh) checkNamespace(target.ns, context.guardrails)
    const output = await deleteCustom(context, target, name, { dryRun })
    if (chaosMesh && !dryRun) await waitUntilLifted(context, target, name, output)
    return { output, what: what(target, name) }
  }
}

function noteForce(args: Record<string, unknown>, context: K8sContext): void {
  if (args.force === true)
    context.log.info('force is ignored: it only means something to server-side apply (as with the reference)')
}

/**
 * A JSON Patch (list) or a merge patch (mapping). A Chaos Mesh object is patched in a dry run first,
 * so the guardrail sees the selectors the patch would leave it with.
 */
function patch(namespaced: boolean): WriteOperation {
  return async (args, context, dryRun) => {
    const target = customTarget(args, namespaced)
    const name = requiredStr(args, 'name')
    const body = await loadBody(args, context.call.cwd, 'patch')
    noteForce(args, context)
    if (target.ns !== undefined) checkNamespace(target.ns, context.guardrails)
    if (args.group === CHAOS_MESH_GROUP) {
      const preview = await patchCustom(context, target, name, body, { dryRun: true })
      guardCustomObject(target.ns, preview, context.guardrails)
      if (dryRun) return { output: preview, what: what(target, name) }
    }
    return { output: await patchCustom(context, target, name, body, { dryRun }), what: what(target, name) }
  }
}

function replace(namespaced: boolean): WriteOperation {
  return async (args, context, dryRun) => {
    const target = customTarget(args, namespaced)
    const name = requiredStr(args, 'name')
    const body = await loadObject(args, context.call.cwd)
    noteForce(args, context)
    guardCustomObject(target.ns, body, context.guardrails)
    return { output: await replaceCustom(context, target, name, body, { dryRun }), what: what(target, name) }
  }
}

/** Creates the object the text describes, where its apiVersion, kind and namespace say. */
function apply(format: 'json' | 'yaml'): WriteOperation {
  return async (args, context, dryRun) => {
    const object = await appliedObject(args, format)
    const target = await appliedTarget(context, object)
    guardCustomObject(target.ns, object, context.guardrails)
    const { output, existed } = await createCustom(context, target, object, { dryRun })
    return { output, what: what(target, objectName(object) || objectName(output)), unchanged: existed }
  }
}

export const CRD_ACTION_OPERATIONS = {
  create_custom_object: writeOperation('create', create(true)),
  delete_custom_object: writeOperation('delete', remove(true)),
  create_cluster_custom_object: writeOperation('create', create(false)),
  delete_cluster_custom_object: writeOperation('delete', remove(false)),
  patch_custom_object: writeOperation('patch', patch(true)),
  replace_custom_object: writeOperation('replace', replace(true)),
  patch_cluster_custom_object: writeOperation('patch', patch(false)),
  replace_cluster_custom_object: writeOperation('replace', replace(false)),
  apply_from_json: writeOperation('create', apply('json')),
  apply_from_yaml: writeOperation('create', apply('yaml')),
}
