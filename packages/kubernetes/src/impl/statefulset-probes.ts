import { ActivityFailedError } from '@steadystate/core'
import type { V1StatefulSet } from '@kubernetes/client-node'
import { bool, k8s, namespace, requiredStr, seconds, str } from './context.ts'
import { collectionPath, STATEFUL_SET } from './objects.ts'
import { waitFor } from './wait.ts'

/** "2/3 ready, 3 current, revision web-5d9c": what a person checks with kubectl. */
export function describeStatefulSet(statefulSet: V1StatefulSet): string {
  const status = statefulSet.status
  const revision = status?.currentRevision === undefined ? '' : `, revision ${status.currentRevision}`
  return `${status?.readyReplicas ?? 0}/${statefulSet.spec?.replicas ?? 1} ready, ${status?.currentReplicas ?? 0} current${revision}`
}

/** Ready replicas equal the desired count (`readyReplicas` is absent, not 0, when none is ready). */
export function statefulSetIsFullyReady(statefulSet: V1StatefulSet): boolean {
  return (statefulSet.status?.readyReplicas ?? 0) === (statefulSet.spec?.replicas ?? 1)
}

/**
 * The reference's `_statefulset_readiness_has_state`, on `waitFor`: the timeout is a real deadline
 * for the whole wait (the reference's is a per-read socket timeout), and a StatefulSet that does not
 * exist is reported as such when the deadline passes.
 */
function readinessProbe(wantReady: boolean, raiseFlag: string) {
  return k8s(async (args, context) => {
    const name = requiredStr(args, 'name')
    const ns = namespace(args)
    const timeout = seconds(args, 'timeout') ?? 30
    const outcome = await waitFor<V1StatefulSet>(
      context,
      collectionPath(STATEFUL_SET, ns),
      {
        fieldSelector: `metadata.name=${name}`,
        labelSelector: str(args, 'label_selector')?.replaceAll('{name}', name),
      },
      (items) => items.length > 0 && items.every((item) => statefulSetIsFullyReady(item) === wantReady),
      timeout,
    )
    if (outcome.met) return true
    const state = outcome.items[0] === undefined ? 'not found' : describeStatefulSet(outcome.items[0])
    const why = wantReady
      ? `statefulset '${name}' failed to recover within ${timeout}s (${state})`
      : `statefulset '${name}' failed to stop running within ${timeout}s (${state})`
    if (bool(args, raiseFlag, true)) throw new ActivityFailedError(why)
    context.log.info(why)
    return false
  })
}

/** `statefulset_fully_available`: waits until every replica is ready. */
export const statefulSetFullyAvailable = readinessProbe(true, 'raise_on_not_fully_available')
/** `statefulset_not_fully_available`: waits until some replica is not ready. */
export const statefulSetNotFullyAvailable = readinessProbe(false, 'raise_on_fully_available')
