import { ActivityFailedError } from '@steadystate/core'
import type { V1Deployment } from '@kubernetes/client-node'
import { bool, k8s, namespace, requiredStr, seconds, str, type K8sContext } from './context.ts'
import { waitFor } from './wait.ts'

function path(ns: string): string {
  return `/apis/apps/v1/namespaces/${encodeURIComponent(ns)}/deployments`
}

/** "3/3 ready, 3/3 available, 3 updated": readiness and availability reported separately. */
export function describeDeployment(deployment: V1Deployment): string {
  const wanted = deployment.spec?.replicas ?? 1
  const status = deployment.status
  return `${status?.readyReplicas ?? 0}/${wanted} ready, ${status?.availableReplicas ?? 0}/${wanted} available, ${status?.updatedReplicas ?? 0} updated`
}

async function listDeployments(
  args: Record<string, unknown>,
  context: K8sContext,
): Promise<{ name: string; ns: string; items: V1Deployment[] }> {
  const name = requiredStr(args, 'name')
  const ns = namespace(args)
  const list = await context.client.request<{ items: V1Deployment[] }>('GET', path(ns), {
    query: { fieldSelector: `metadata.name=${name}`, labelSelector: str(args, 'label_selector') },
    signal: context.signal,
  })
  return { name, ns, items: list.items }
}

/**
 * `deployment_available_and_healthy`: True when the Deployment has all its replicas available.
 * Unlike the reference's `microservice_available_and_healthy` alias, it returns True rather than
 * nothing, so `tolerance: true` works as documented.
 */
export const deploymentAvailableAndHealthy = k8s(async (args, context) => {
  const { name, ns, items } = await listDeployments(args, context)
  const raise = bool(args, 'raise_on_unavailable', true)
  const fail = (why: string): false => {
    if (raise) throw new ActivityFailedError(why)
    return false
  }
  const deployment = items[0]
  if (deployment === undefined) return fail(`deployment '${name}' was not found in namespace '${ns}'`)
  const wanted = deployment.spec?.replicas ?? 1
  if ((deployment.status?.availableReplicas ?? 0) !== wanted) {
    return fail(`deployment '${name}' in namespace '${ns}' is not healthy: ${describeDeployment(deployment)}`)
  }
  return true
})

export const deploymentPartiallyAvailable = k8s(async (args, context) => {
  const { name, ns, items } = await listDeployments(args, context)
  const raise = bool(args, 'raise_on_not_partially_available', true)
  const deployment = items[0]
  const why =
    deployment === undefined
      ? `deployment '${name}' was not found in namespace '${ns}'`
      : (deployment.status?.availableReplicas ?? 0) >= 1
        ? undefined
        : `deployment '${name}' has no available replica: ${describeDeployment(deployment)}`
  if (why === undefined) return true
  if (raise) throw new ActivityFailedError(why)
  return false
})

function waitingProbe(wantReady: boolean, raiseFlag: string) {
  return k8s(async (args, context) => {
    const name = requiredStr(args, 'name')
    const ns = namespace(args)
    const timeout = seconds(args, 'timeout') ?? 30
    const selector = str(args, 'label_selector')
    const isFullyReady = (d: V1Deployment): boolean =>
      (d.status?.readyReplicas ?? 0) === (d.spec?.replicas ?? 1)
    const outcome = await waitFor<V1Deployment>(
      context,
      path(ns),
      { fieldSelector: `metadata.name=${name}`, labelSelector: selector?.replaceAll('{name}', name) },
      (items) => items.length > 0 && items.every((d) => isFullyReady(d) === wantReady),
      timeout,
    )
    if (outcome.met) return true
    const state = outcome.items[0] === undefined ? 'not found' : describeDeployment(outcome.items[0])
    const why = wantReady
      ? `deployment '${name}' failed to recover within ${timeout}s (${state})`
      : `deployment '${name}' failed to stop running within ${timeout}s (${state})`
    if (bool(args, raiseFlag, true)) throw new ActivityFailedError(why)
    return false
  })
}

/** Waits (watch, real deadline) until ready replicas equal the desired count. */
export const deploymentFullyAvailable = waitingProbe(true, 'raise_on_not_fully_available')
/** Waits until ready replicas differ from the desired count. */
export const deploymentNotFullyAvailable = waitingProbe(false, 'raise_on_fully_available')
