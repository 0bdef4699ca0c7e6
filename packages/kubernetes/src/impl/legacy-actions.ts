import { ActivityFailedError, type ModuleFunctionImpl } from '@steadystate/core'
import { checkBlastRadius, checkNamespace } from '../select/guardrails.ts'
import { k8s, namespace, requiredStr, str, withContext, type K8sContext } from './context.ts'
import { createDeployment, describeScaleDeployment, scaleDeployment } from './deployment-actions.ts'
import {
  deleteIfPresent,
  DEPLOYMENT,
  listObjects,
  nameOf,
  POD,
  REPLICA_SET,
  type KubeObject,
  type Resource,
} from './objects.ts'
import { deleteService, describeDeleteService } from './service-actions.ts'

/** A deprecated alias: logs the reference's warning, then runs the function it stands for. */
function deprecated(name: string, replacement: string, target: ModuleFunctionImpl): ModuleFunctionImpl {
  return (args, call) => {
    call.log.warn(
      `${name} function is DEPRECATED and will be removed in the next releases, please use ${replacement} instead`,
    )
    return target(args, call)
  }
}

/** `start_microservice(spec_path, ns)` → `create_deployment`. */
export const startMicroservice = deprecated('start_microservice', 'create_deployment', createDeployment)
/** `remove_service_endpoint(name, ns)` → `delete_service`. */
export const removeServiceEndpoint = deprecated('remove_service_endpoint', 'delete_service', deleteService)
export const describeRemoveServiceEndpoint = describeDeleteService
/** `scale_microservice(name, replicas, ns)` → `scale_deployment`. */
export const scaleMicroservice = deprecated('scale_microservice', 'scale_deployment', scaleDeployment)
export const describeScaleMicroservice = describeScaleDeployment

interface Victims {
  ns: string
  selector: string
  found: { resource: Resource; items: KubeObject[] }[]
}

/**
 * What `kill_microservice` removes: the Deployment and the ReplicaSet named `name`, and the pods the
 * label selector matches, with `{name}` filled in (the reference sends the template as is, which
 * the API server rejects). Listed before anything is deleted, because deleting the Deployment lets
 * the garbage collector remove its ReplicaSets and pods meanwhile.
 */
async function victims(args: Record<string, unknown>, context: K8sContext): Promise<Victims> {
  const name = requiredStr(args, 'name')
  const ns = namespace(args)
  checkNamespace(ns, context.guardrails)
  const selector = (str(args, 'label_selector') ?? 'name in ({name})').replaceAll('{name}', name)
  const byName = { fieldSelector: `metadata.name=${name}` }
  const found = [
    { resource: DEPLOYMENT, items: await listObjects(context, DEPLOYMENT, ns, byName) },
    { resource: REPLICA_SET, items: await listObjects(context, REPLICA_SET, ns, byName) },
    { resource: POD, items: await listObjects(context, POD, ns, { labelSelector: selector }) },
  ]
  if (found.every((entry) => entry.items.length === 0)) {
    throw new ActivityFailedError(
      `nothing to kill: no Deployment or ReplicaSet named '${name}' and no pod with labels '${selector}' in namespace '${ns}'`,
    )
  }
  const pods = found[2]?.items.length ?? 0
  checkBlastRadius(pods, pods, true, context.guardrails)
  return { ns, selector, found }
}

function summary(found: Victims['found']): string {
  return found
    .filter((entry) => entry.items.length > 0)
    .map((entry) => `${entry.resource.kind}(s) ${entry.items.map(nameOf).join(', ')}`)
    .join('; ')
}

/** `kill_microservice(name, ns, label_selector)`: deletes the Deployment, ReplicaSet and pods. */
export const killMicroservice = k8s(async (args, context) => {
  context.log.warn(
    'kill_microservice function is DEPRECATED and will be removed in the next releases, please use ' +
      'delete_deployment/delete_replica_set/delete_pods instead',
  )
  const { ns, found } = await victims(args, context)
  for (const { resource, items } of found) {
    for (const item of items) await deleteIfPresent(context, resource, nameOf(item), ns)
  }
  context.log.info(`killed in namespace '${ns}': ${summary(found)}`)
  return null
})

export const describeKillMicroservice = withContext(async (args, context) => {
  const { ns, found } = await victims(args, context)
  return `would delete in namespace '${ns}': ${summary(found)}`
})
