import { ActivityFailedError } from '@steadystate/core'
import type { V1Node, V1Pod } from '@kubernetes/client-node'
import { nodesHostingPods, pickNodes, type NodePick } from '../select/nodes.ts'
import { freshSeed, seededRandom } from '../select/random.ts'
import { num, str, type K8sContext } from './context.ts'
import { listObjects, nameOf, NODE, POD } from './objects.ts'

/** The reference's `_select_nodes` filters: node name, node labels, and pods the node hosts. */
export interface NodeQuery {
  name: string | undefined
  labelSelector: string | undefined
  podLabelSelector: string | undefined
  podNamespace: string | undefined
}

function given(args: Record<string, unknown>, key: string): string | undefined {
  const value = str(args, key)
  return value === '' ? undefined : value
}

/**
 * Reads the node filters. The reference ignores `pod_label_selector` without `pod_namespace` (and
 * the reverse), which silently widens the selection to every node; here that is an error.
 */
export function nodeQuery(args: Record<string, unknown>): NodeQuery {
  const query = {
    name: given(args, 'name'),
    labelSelector: given(args, 'label_selector'),
    podLabelSelector: given(args, 'pod_label_selector'),
    podNamespace: given(args, 'pod_namespace'),
  }
  if ((query.podLabelSelector === undefined) !== (query.podNamespace === undefined)) {
    throw new ActivityFailedError('pod_label_selector and pod_namespace go together: give both or neither')
  }
  return query
}

/** The `count` argument: a whole number of at least 1, or absent. */
export function countArg(args: Record<string, unknown>): number | undefined {
  const count = num(args, 'count')
  if (count !== undefined && (!Number.isInteger(count) || count < 1))
    throw new ActivityFailedError(`argument 'count' must be a whole number of at least 1, got ${count}`)
  return count
}

export function describeQuery(query: NodeQuery): string {
  const parts: string[] = []
  if (query.name !== undefined) parts.push(`name '${query.name}'`)
  if (query.labelSelector !== undefined) parts.push(`label selector '${query.labelSelector}'`)
  if (query.podLabelSelector !== undefined)
    parts.push(`hosting pods '${query.podLabelSelector}' of namespace '${query.podNamespace ?? ''}'`)
  return parts.length === 0 ? 'any node' : parts.join(', ')
}

/** Every node matching the filters, in the API server's order. */
export async function matchingNodes(context: K8sContext, query: NodeQuery): Promise<V1Node[]> {
  const nodes = await listObjects<V1Node>(context, NODE, undefined, {
    fieldSelector: query.name === undefined ? undefined : `metadata.name=${query.name}`,
    labelSelector: query.labelSelector,
  })
  if (query.podLabelSelector === undefined || query.podNamespace === undefined) return nodes
  const pods = await listObjects<V1Pod>(context, POD, query.podNamespace, {
    labelSelector: query.podLabelSelector,
  })
  return nodesHostingPods(nodes, pods)
}

/** Matching nodes, then the pick; fails like the reference when nothing matches. */
export async function selectNodes(context: K8sContext, query: NodeQuery, pick: NodePick): Promise<V1Node[]> {
  const nodes = await matchingNodes(context, query)
  if (nodes.length === 0)
    throw new ActivityFailedError(`failed to find a node that matches selector (${describeQuery(query)})`)
  const seed = pick.count === undefined ? 0 : (context.guardrails.seed ?? freshSeed())
  const picked = pickNodes(nodes, pick, seededRandom(seed))
  context.log.info(
    `${describeQuery(query)}: ${nodes.length} node(s) matched; picked ${picked.map(nameOf).join(', ')}` +
      (pick.count === undefined ? '' : ` at random (seed ${seed})`),
  )
  return picked
}

/** How many nodes the cluster has, for the "never every node" guardrail. */
export async function clusterSize(context: K8sContext): Promise<number> {
  return (await listObjects(context, NODE, undefined)).length
}
