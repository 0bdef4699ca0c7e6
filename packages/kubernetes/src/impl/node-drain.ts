import { ActivityFailedError, errorMessage } from '@steadystate/core'
import type { V1Node, V1Pod } from '@kubernetes/client-node'
import { KubernetesApiError } from '../client/errors.ts'
import { checkNodeBlastRadius, readMaxNodes } from '../select/nodes.ts'
import { bool, k8s, seconds, withContext, type K8sContext } from './context.ts'
import { withDeadline } from '@steadystate/core'
import { planDrain, podRef, type DrainPlan } from './drain-plan.ts'
import { setUnschedulable } from './node-actions.ts'
import { clusterSize, countArg, nodeQuery, selectNodes } from './node-select.ts'
import { listObjects, nameOf, objectPath, POD } from './objects.ts'
import { waitFor } from './wait.ts'

interface NodeDrain {
  node: string
  plan: DrainPlan<V1Pod>
}

async function nodesToDrain(args: Record<string, unknown>, context: K8sContext): Promise<V1Node[]> {
  const nodes = await selectNodes(context, nodeQuery(args), { first: false, count: countArg(args) })
  const maxNodes = readMaxNodes(context.call.configuration, context.call.env)
  checkNodeBlastRadius(
    'drain',
    nodes.map(nameOf),
    await clusterSize(context),
    bool(args, 'all', false),
    maxNodes,
  )
  return nodes
}

async function planNodes(context: K8sContext, names: string[], deleteLocal: boolean): Promise<NodeDrain[]> {
  const drains: NodeDrain[] = []
  for (const node of names) {
    const pods = await listObjects<V1Pod>(context, POD, undefined, { fieldSelector: `spec.nodeName=${node}` })
    drains.push({ node, plan: planDrain(pods, deleteLocal) })
  }
  return drains
}

/**
 * Evicts one pod through the Eviction API, so PodDisruptionBudgets are respected. A 429 means a
 * budget forbids it for now: retried (the client backs off) until the drain's deadline.
 */
async function evict(context: K8sContext, pod: V1Pod, endAt: number, timeout: number): Promise<void> {
  const name = pod.metadata?.name ?? ''
  const ns = pod.metadata?.namespace ?? 'default'
  const body = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ns } }
  let blocked = ''
  for (;;) {
    const remaining = endAt - Date.now()
    if (remaining <= 0)
      throw new ActivityFailedError(`could not evict pod ${podRef(pod)} within ${timeout}s: ${blocked}`)
    const deadline = withDeadline(context.signal, remaining)
    try {
      await context.client.request('POST', `${objectPath(POD, name, ns)}/eviction`, {
        body,
        signal: deadline.signal,
      })
      return
    } catch (error) {
      if (error instanceof KubernetesApiError && error.isNotFound) return
      if (context.signal.aborted) throw error
      if (error instanceof KubernetesApiError && error.status === 429) {
        if (blocked === '') context.log.info(`eviction of ${podRef(pod)} is blocked for now; retrying`)
        blocked = error.message
      } else if (deadline.signal.aborted) {
        blocked ||= errorMessage(error)
      } else throw error
    } finally {
      deadline.clear()
    }
  }
}

/** Waits (watch, real deadline) until none of the evicted pods is on the node any more. */
async function waitGone(
  context: K8sContext,
  drain: NodeDrain,
  endAt: number,
  timeout: number,
): Promise<void> {
  const uids = new Set(drain.plan.evict.map((pod) => pod.metadata?.uid))
  const remaining = Math.max(0.001, (endAt - Date.now()) / 1000)
  const outcome = await waitFor<V1Pod>(
    context,
    '/api/v1/pods',
    { fieldSelector: `spec.nodeName=${drain.node}` },
    (pods) => !pods.some((pod) => uids.has(pod.metadata?.uid)),
    remaining,
  )
  if (!outcome.met) {
    const left = outcome.items.filter((pod) => uids.has(pod.metadata?.uid)).map(podRef)
    throw new ActivityFailedError(
      `Draining nodes did not complete within ${timeout}s. Remaining pods are: ${left.join(', ')}`,
    )
  }
}

/**
 * `drain_nodes(name, label_selector, delete_pods_with_local_storage, timeout, count,
 * pod_label_selector, pod_namespace)`: cordons the nodes, evicts their pods (see `planDrain`) and
 * waits until the evicted pods are gone, all within `timeout` seconds; returns the node names.
 * Unmanaged pods fail the drain before anything is evicted, and the nodes are uncordoned again.
 * `uncordon_node` is the rollback. Guardrails: at most `max_nodes` nodes, never all of them
 * without `all: true`.
 */
export const drainNodes = k8s(async (args, context) => {
  const timeout = seconds(args, 'timeout') ?? 120
  const endAt = Date.now() + timeout * 1000
  const nodes = await nodesToDrain(args, context)
  const names = nodes.map(nameOf)
  const wereCordoned = new Set(nodes.filter((node) => node.spec?.unschedulable === true).map(nameOf))
  await setUnschedulable(context, names, true)
  const drains = await planNodes(context, names, bool(args, 'delete_pods_with_local_storage', false))
  const unmanaged = drains.flatMap((drain) => drain.plan.unmanaged)
  if (unmanaged.length > 0) {
    await setUnschedulable(
      context,
      names.filter((name) => !wereCordoned.has(name)),
      false,
    )
    throw new ActivityFailedError(
      `Pod(s) ${unmanaged.join(', ')} are unmanaged (no controller would recreate them), cannot drain ` +
        `node(s) ${names.join(', ')}. Delete them manually first? Nothing was evicted and the nodes were uncordoned`,
    )
  }
  for (const drain of drains) {
    for (const skipped of drain.plan.skipped) context.log.info(`not evicting ${skipped}`)
    for (const pod of drain.plan.evict) await evict(context, pod, endAt, timeout)
  }
  for (const drain of drains) if (drain.plan.evict.length > 0) await waitGone(context, drain, endAt, timeout)
  const evicted = drains.reduce((total, drain) => total + drain.plan.evict.length, 0)
  context.log.info(`drained node(s) ${names.join(', ')}: ${evicted} pod(s) evicted`)
  return names
})

export const describeDrainNodes = withContext(async (args, context) => {
  const names = (await nodesToDrain(args, context)).map(nameOf)
  const drains = await planNodes(context, names, bool(args, 'delete_pods_with_local_storage', false))
  const unmanaged = drains.flatMap((drain) => drain.plan.unmanaged)
  if (unmanaged.length > 0) return `would fail: unmanaged pod(s) ${unmanaged.join(', ')}`
  const evict = drains.flatMap((drain) => drain.plan.evict.map(podRef))
  const skipped = drains.flatMap((drain) => drain.plan.skipped)
  return (
    `would cordon and drain node(s) ${names.join(', ')}: evict ${evict.length} pod(s)` +
    (evict.length > 0 ? ` (${evict.join(', ')})` : '') +
    (skipped.length > 0 ? `; leave ${skipped.join('; ')}` : '')
  )
})
