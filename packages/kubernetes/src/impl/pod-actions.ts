import { ActivityFailedError } from '@steadystate/core'
import type { V1Pod } from '@kubernetes/client-node'
import { KubernetesApiError } from '../client/errors.ts'
import { RecoveryTracker, recoveries, reportToJson, type RecoveryReport } from '../recovery/tracker.ts'
import { selectPods } from '../select/pods.ts'
import { k8s, num, str, type K8sContext } from './context.ts'

/** How long a recovery measurement may watch for replacements after a kill. */
const RECOVERY_DEADLINE_SECONDS = 300
/** Deletions in flight at once: fast for 1,000 pods, gentle on the API server. */
const DELETE_CONCURRENCY = 10

async function deletePod(pod: V1Pod, gracePeriod: number, context: K8sContext): Promise<boolean> {
  const name = pod.metadata?.name ?? ''
  const ns = pod.metadata?.namespace ?? 'default'
  try {
    await context.client.request(
      'DELETE',
      `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(name)}`,
      {
        body: gracePeriod >= 0 ? { gracePeriodSeconds: gracePeriod } : undefined,
        signal: context.signal,
      },
    )
    return true
  } catch (error) {
    if (error instanceof KubernetesApiError && error.isNotFound) {
      context.log.warn(`pod ${name} was already gone`)
      return false
    }
    throw error
  }
}

/**
 * `terminate_pods`: the reference's selection, with guardrails, returning the names terminated (as
 * the reference does). Recovery of each victim is then measured in the background and recorded as
 * a `recovery` measurement in the journal.
 */
export const terminatePods = k8s(async (args, context) => {
  const selected = await selectPods(args, context)
  context.log.info(selected.summary)
  const gracePeriod = num(args, 'grace_period') ?? -1
  const tracker = new RecoveryTracker(
    selected.victims[0]?.metadata?.namespace ?? 'default',
    selected.listedUids,
  )
  const terminated: string[] = []
  const queue = [...selected.victims]
  const workers = Array.from({ length: Math.min(DELETE_CONCURRENCY, queue.length) }, async () => {
    for (let pod = queue.shift(); pod !== undefined; pod = queue.shift()) {
      if (await deletePod(pod, gracePeriod, context)) {
        tracker.addVictim(pod, Date.now())
        terminated.push(pod.metadata?.name ?? '')
      }
    }
  })
  await Promise.all(workers)
  context.log.info(`terminated ${terminated.length} pod(s); measuring their recovery in the background`)
  recoveries.push(tracker)
  const labelSelector = str(args, 'label_selector')
  context.call.defer(`recovery of ${terminated.length} terminated pod(s)`, async (signal) => {
    const report = await tracker.run(
      context.client,
      selected.resourceVersion,
      labelSelector,
      RECOVERY_DEADLINE_SECONDS,
      signal,
    )
    context.call.measure('recovery', reportToJson(report))
    const summary =
      report.unrecovered.length === 0
        ? `all replacements Ready within ${report.recoverySeconds ?? 0} s`
        : `not recovered: ${report.unrecovered.join(', ')}${stopReason(report)}`
    context.log.info(`recovery: ${summary}`)
  })
  return terminated.sort()
})

function stopReason(report: RecoveryReport): string {
  if (report.timedOut) return ` (gave up ${RECOVERY_DEADLINE_SECONDS} s after the kill)`
  if (report.interrupted) return ' (measurement stopped before the replacements were Ready)'
  return ''
}

/** Dry run: says which pods would be terminated, without touching them. */
export async function describeTermination(
  args: Record<string, unknown>,
  context: K8sContext,
): Promise<string> {
  const selected = await selectPods(args, context)
  return `would terminate ${selected.victims.length} pod(s): ${selected.summary}`
}

/** `delete_pods` (deprecated in the reference): terminate_pods by name pattern. */
export const deletePods = k8s(async (args, context) => {
  const name = str(args, 'name')
  const forwarded: Record<string, unknown> = { ns: args.ns, label_selector: args.label_selector, all: true }
  if (name !== undefined) forwarded.name_pattern = name
  if (name === undefined && args.label_selector === undefined) {
    throw new ActivityFailedError(
      'delete_pods needs a name or a label_selector (steadystate never deletes a whole namespace implicitly)',
    )
  }
  return terminatePods(forwarded, context.call)
})
