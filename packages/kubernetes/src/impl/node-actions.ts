import { ActivityFailedError } from '@steadystate/core'
import type { V1Node } from '@kubernetes/client-node'
import type { JsonObject } from '@steadystate/model'
import { checkNodeBlastRadius, deletionPick, readMaxNodes } from '../select/nodes.ts'
import { bool, k8s, num, withContext, type K8sContext } from './context.ts'
import { objectArg } from './manifest.ts'
import { clusterSize, countArg, nodeQuery, selectNodes } from './node-select.ts'
import {
  createObject,
  explainFailure,
  MERGE_PATCH,
  nameOf,
  NODE,
  objectPath,
  patchObject,
} from './objects.ts'

/** Python attribute names whose JSON name is not plain camelCase (V1NodeSpec's attribute_map). */
const IRREGULAR: Record<string, string> = {
  pod_cidr: 'podCIDR',
  pod_cidrs: 'podCIDRs',
  provider_id: 'providerID',
  external_id: 'externalID',
}

/**
 * The reference builds `V1ObjectMeta(**meta)` and `V1NodeSpec(**spec)`, so experiments give their
 * top-level keys as Python attribute names (`generate_name`, `pod_cidr`). Those become the API's
 * JSON names; camelCase keys pass through, and nested values (labels, taints) are left alone.
 */
export function toApiKeys(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [
      IRREGULAR[key] ?? key.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase()),
      value,
    ]),
  )
}

/** `create_node(meta, spec)`: returns the created Node as the API server answered it. */
export const createNode = k8s(async (args, context) => {
  const meta = objectArg(args, 'meta')
  const spec = objectArg(args, 'spec')
  const body: Record<string, unknown> = { apiVersion: 'v1', kind: 'Node' }
  if (meta !== undefined) body.metadata = toApiKeys(meta)
  if (spec !== undefined) body.spec = toApiKeys(spec)
  try {
    const created = await createObject<JsonObject>(context, NODE, undefined, body)
    context.log.info(`created Node '${nameOf(created)}'`)
    return created
  } catch (error) {
    return explainFailure('Creating new node failed', error)
  }
})

async function nodesToDelete(args: Record<string, unknown>, context: K8sContext): Promise<V1Node[]> {
  const all = bool(args, 'all', false)
  const pick = deletionPick(all, bool(args, 'rand', false), countArg(args))
  const nodes = await selectNodes(context, nodeQuery(args), pick)
  const maxNodes = readMaxNodes(context.call.configuration, context.call.env)
  checkNodeBlastRadius('delete', nodes.map(nameOf), await clusterSize(context), all, maxNodes)
  return nodes
}

/**
 * `delete_nodes(label_selector, all, rand, count, grace_period_seconds, pod_label_selector,
 * pod_namespace)`: deletes the Node objects (not drained first, as documented) and returns the
 * names the API server confirmed. `all: true` takes every node matching the filters (the
 * reference's `all=True` crashes with a TypeError), within the node guardrails.
 */
export const deleteNodes = k8s(async (args, context) => {
  const nodes = await nodesToDelete(args, context)
  const grace = num(args, 'grace_period_seconds')
  const deleted: string[] = []
  for (const node of nodes) {
    const status = await context.client.request<{ kind?: string; status?: unknown; message?: string }>(
      'DELETE',
      objectPath(NODE, nameOf(node), undefined),
      { body: grace === undefined ? undefined : { gracePeriodSeconds: grace }, signal: context.signal },
    )
    // A Status says whether it worked; some servers answer with the deleted object instead.
    if (status.kind === 'Status' && status.status !== 'Success') {
      context.log.warn(`deleting node '${nameOf(node)}' failed: ${status.message ?? JSON.stringify(status)}`)
    } else deleted.push(nameOf(node))
  }
  context.log.info(`deleted node(s): ${deleted.join(', ')}`)
  return deleted
})

export const describeDeleteNodes = withContext(async (args, context) => {
  const nodes = await nodesToDelete(args, context)
  return `would delete node(s) ${nodes.map(nameOf).join(', ')}`
})

/** Sets or clears `spec.unschedulable` on each node; returns their names. */
export async function setUnschedulable(
  context: K8sContext,
  names: readonly string[],
  unschedulable: boolean,
): Promise<string[]> {
  const done: string[] = []
  for (const name of names) {
    // null removes the field, which is how `kubectl uncordon` leaves a node.
    const patch = { spec: { unschedulable: unschedulable ? true : null } }
    try {
      await patchObject(context, NODE, name, undefined, patch, MERGE_PATCH)
    } catch (error) {
      explainFailure(`Failed to ${unschedulable ? 'unschedule' : 'schedule'} node '${name}'`, error)
    }
    done.push(name)
  }
  return done
}

async function nodesToCordon(args: Record<string, unknown>, context: K8sContext): Promise<V1Node[]> {
  const query = nodeQuery(args)
  if (query.name === undefined && query.labelSelector === undefined && !bool(args, 'all', false)) {
    throw new ActivityFailedError(
      'cordon_node needs a name or a label_selector: without them it would cordon every node of the cluster. ' +
        'Set "all": true to do that on purpose',
    )
  }
  return selectNodes(context, query, { first: false, count: undefined })
}

/** `cordon_node(name, label_selector)`: marks the nodes unschedulable; returns their names. */
export const cordonNode = k8s(async (args, context) => {
  const names = (await nodesToCordon(args, context)).map(nameOf)
  return setUnschedulable(context, names, true)
})

export const describeCordonNode = withContext(async (args, context) => {
  const nodes = await nodesToCordon(args, context)
  return `would cordon node(s) ${nodes.map(nameOf).join(', ')}`
})

/** `uncordon_node(name, label_selector)`: the natural rollback of cordon and drain. */
export const uncordonNode = k8s(async (args, context) => {
  const nodes = await selectNodes(context, nodeQuery(args), { first: false, count: undefined })
  return setUnschedulable(context, nodes.map(nameOf), false)
})
