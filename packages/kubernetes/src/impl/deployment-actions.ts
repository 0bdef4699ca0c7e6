import { ActivityFailedError } from '@steadystate/core'
import { checkNamespace } from '../select/guardrails.ts'
import { k8s, namespace, str, withContext, type K8sContext } from './context.ts'
import { deleteSelected, describeDeleteSelected } from './delete-selected.ts'
import {
  DEPLOYMENT,
  describeObject,
  explainFailure,
  MERGE_PATCH,
  patchObject,
  readObject,
} from './objects.ts'
import { createFromSpec, describeScale, scaleResource } from './spec-actions.ts'

/** `create_deployment(spec_path, ns)`. */
export const createDeployment = createFromSpec(DEPLOYMENT)

/** `delete_deployment(name, ns, label_selector)`: refuses an implicit "every Deployment" (see README). */
export const deleteDeployment = deleteSelected(DEPLOYMENT, 'delete_deployment')
export const describeDeleteDeployment = describeDeleteSelected(DEPLOYMENT, 'delete_deployment')

/** `scale_deployment(name, replicas, ns)`. */
export const scaleDeployment = scaleResource(DEPLOYMENT)
export const describeScaleDeployment = describeScale(DEPLOYMENT)

function rolloutTarget(args: Record<string, unknown>, context: K8sContext): { name: string; ns: string } {
  const ns = namespace(args)
  checkNamespace(ns, context.guardrails)
  // Optional in the reference's signature, but a patch needs a name: say so instead of a 404 on "None".
  const name = str(args, 'name')
  if (name === undefined || name === '')
    throw new ActivityFailedError('rollout_deployment needs the name of the Deployment to restart')
  return { name, ns }
}

/**
 * `rollout_deployment(name, ns)`: what `kubectl rollout restart` does, a new
 * `kubectl.kubernetes.io/restartedAt` annotation on the pod template, so every pod is replaced by a
 * rolling update. The timestamp is RFC 3339 (the reference appends "Z" to an offset, e.g.
 * "…+00:00Z").
 */
export const rolloutDeployment = k8s(async (args, context) => {
  const { name, ns } = rolloutTarget(args, context)
  const restartedAt = new Date().toISOString()
  const patch = {
    spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': restartedAt } } } },
  }
  try {
    await patchObject(context, DEPLOYMENT, name, ns, patch, MERGE_PATCH)
  } catch (error) {
    explainFailure(`failed to rollout the deployment '${name}'`, error)
  }
  context.log.info(`restarted ${describeObject(DEPLOYMENT, name, ns)} (restartedAt ${restartedAt})`)
  return null
})

export const describeRollout = withContext(async (args, context) => {
  const { name, ns } = rolloutTarget(args, context)
  const deployment = await readObject<{ spec?: { replicas?: number } }>(context, DEPLOYMENT, name, ns)
  return `would restart the ${deployment.spec?.replicas ?? 1} pod(s) of ${describeObject(DEPLOYMENT, name, ns)} with a rolling update`
})
