import type { V1DaemonSet } from '@kubernetes/client-node'
import { k8s, namespace, requiredStr, seconds, str, type K8sContext } from './context.ts'
import { collectionPath, DAEMON_SET, listObjects } from './objects.ts'
import { waitFor } from './wait.ts'

/** "1/2 ready, 1 unavailable": the counts the reference logs. */
export function describeDaemonSet(daemonSet: V1DaemonSet): string {
  const status = daemonSet.status
  return `${status?.numberReady ?? 0}/${status?.desiredNumberScheduled ?? 0} ready, ${status?.numberUnavailable ?? 0} unavailable`
}

/**
 * Every scheduled pod is ready. Counts the controller has not yet computed for the current spec
 * (`observedGeneration` behind `generation`, e.g. right after creation, when both counts read 0)
 * do not count as ready.
 */
export function daemonSetIsFullyReady(daemonSet: V1DaemonSet): boolean {
  const status = daemonSet.status
  const observed = (status?.observedGeneration ?? 0) >= (daemonSet.metadata?.generation ?? 0)
  return observed && (status?.numberReady ?? 0) === (status?.desiredNumberScheduled ?? 0)
}

function selection(args: Record<string, unknown>): { name: string; ns: string; labels: string | undefined } {
  return {
    name: requiredStr(args, 'name'),
    ns: namespace(args),
    labels: str(args, 'label_selector')?.replaceAll('{name}', requiredStr(args, 'name')),
  }
}

async function listDaemonSets(args: Record<string, unknown>, context: K8sContext): Promise<V1DaemonSet[]> {
  const { name, ns, labels } = selection(args)
  const items = await listObjects<V1DaemonSet>(context, DAEMON_SET, ns, {
    fieldSelector: `metadata.name=${name}`,
    labelSelector: labels,
  })
  if (items.length === 0) context.log.info(`daemon set '${name}' was not found in namespace '${ns}'`)
  for (const item of items) context.log.info(`daemon set '${name}': ${describeDaemonSet(item)}`)
  return items
}

/** `daemon_set_available_and_healthy`: True when found and every scheduled pod is ready; never raises. */
export const daemonSetAvailableAndHealthy = k8s(async (args, context) => {
  const items = await listDaemonSets(args, context)
  return items.length > 0 && items.every(daemonSetIsFullyReady)
})

/** `daemon_set_partially_available`: True when at least one pod is ready; never raises. */
export const daemonSetPartiallyAvailable = k8s(async (args, context) => {
  const first = (await listDaemonSets(args, context))[0]
  return first !== undefined && (first.status?.numberReady ?? 0) >= 1
})

/**
 * The timed DaemonSet probes: like the reference they return False rather than raise when the
 * state is not reached, but within a real deadline (`waitFor`), not a per-read timeout.
 */
function readinessProbe(wantReady: boolean) {
  return k8s(async (args, context) => {
    const { name, ns, labels } = selection(args)
    const timeout = seconds(args, 'timeout') ?? 30
    const outcome = await waitFor<V1DaemonSet>(
      context,
      collectionPath(DAEMON_SET, ns),
      { fieldSelector: `metadata.name=${name}`, labelSelector: labels },
      (items) => items.length > 0 && items.every((item) => daemonSetIsFullyReady(item) === wantReady),
      timeout,
    )
    if (outcome.met) return true
    const state = outcome.items[0] === undefined ? 'not found' : describeDaemonSet(outcome.items[0])
    context.log.info(
      `daemon set '${name}' failed to ${wantReady ? 'recover' : 'stop running'} within ${timeout}s (${state})`,
    )
    return false
  })
}

/** `daemon_set_fully_available`: waits until every scheduled pod is ready. */
export const daemonSetFullyAvailable = readinessProbe(true)
/** `daemon_set_not_fully_available`: waits until some scheduled pod is not ready. */
export const daemonSetNotFullyAvailable = readinessProbe(false)
