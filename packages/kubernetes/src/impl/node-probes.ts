import type { V1Node } from '@kubernetes/client-node'
import type { JsonValue } from '@steadystate/model'
import { k8s, str, type K8sContext } from './context.ts'
import { collectionPath, listObjects, NODE } from './objects.ts'

/** One node's conditions as the reference reports them: `{name, Ready: "True", …}`. */
export type NodeConditions = Record<string, string>

export function nodeConditions(
  nodes: readonly {
    metadata?: { name?: string }
    status?: { conditions?: { type: string; status: string }[] }
  }[],
): NodeConditions[] {
  return nodes.map((node) => {
    const conditions: NodeConditions = { name: node.metadata?.name ?? '' }
    for (const condition of node.status?.conditions ?? []) conditions[condition.type] = condition.status
    return conditions
  })
}

/** The conditions `nodes_must_be_healthy` checks, with the value each must have when present. */
export const HEALTHY_CONDITIONS: readonly (readonly [string, string])[] = [
  ['FrequentKubeletRestart', 'False'],
  ['FrequentDockerRestart', 'False'],
  ['FrequentContainerdRestart', 'False'],
  ['ReadonlyFilesystem', 'False'],
  ['KernelDeadlock', 'False'],
  ['CorruptDockerOverlay2', 'False'],
  ['FrequentUnregisterNetDevice', 'False'],
  ['NetworkUnavailable', 'False'],
  ['MemoryPressure', 'False'],
  ['DiskPressure', 'False'],
  ['PIDPressure', 'False'],
  ['Ready', 'True'],
]

async function listNodes(args: Record<string, unknown>, context: K8sContext): Promise<V1Node[]> {
  return listObjects<V1Node>(context, NODE, undefined, {
    labelSelector: str(args, 'label_selector') || undefined,
  })
}

/**
 * Runs a per-node check for the boolean probes, which never raise. No matching node is False, not
 * the reference's vacuous True: a mistyped label selector must not pass a steady-state hypothesis.
 */
function everyNode(check: (node: V1Node, conditions: NodeConditions) => string | undefined) {
  return k8s(async (args, context) => {
    const nodes = await listNodes(args, context)
    if (nodes.length === 0) {
      context.log.info(`no node matched label selector '${str(args, 'label_selector') ?? ''}'`)
      return false
    }
    const conditions = nodeConditions(nodes)
    for (const [index, node] of nodes.entries()) {
      const problem = check(node, conditions[index] ?? {})
      if (problem !== undefined) {
        context.log.info(`node ${node.metadata?.name ?? ''}: ${problem}`)
        return false
      }
    }
    return true
  })
}

/** `get_nodes(label_selector)`: the API's raw NodeList. */
export const getNodes = k8s(async (args, context) =>
  context.client.request<JsonValue>('GET', collectionPath(NODE, undefined), {
    query: { labelSelector: str(args, 'label_selector') || undefined },
    signal: context.signal,
  }),
)

/** `get_all_node_status_conditions(label_selector)`: `[{name, <type>: "True" | "False" | "Unknown"}]`. */
export const getAllNodeStatusConditions = k8s(async (args, context) =>
  nodeConditions(await listNodes(args, context)),
)

/**
 * `all_nodes_must_be_ready_to_schedule(label_selector)`: every node is Ready and, as the reference
 * documents but does not check, schedulable (not cordoned).
 */
export const allNodesMustBeReadyToSchedule = everyNode((node, conditions) => {
  if (conditions.Ready !== 'True') return `not Ready (${conditions.Ready ?? 'no Ready condition'})`
  if (node.spec?.unschedulable === true) return 'cordoned (unschedulable)'
  return undefined
})

/** `verify_nodes_condition(condition_type, condition_value, label_selector)`. */
export const verifyNodesCondition = k8s(async (args, context) => {
  const type = str(args, 'condition_type') ?? 'PIDPressure'
  const value = str(args, 'condition_value') ?? 'False'
  return everyNode((_node, conditions) =>
    conditions[type] === value ? undefined : `${type} is ${conditions[type] ?? 'absent'}, expected ${value}`,
  )(args, context.call)
})

/** `nodes_must_be_healthy(label_selector)`: each condition of HEALTHY_CONDITIONS, where present. */
export const nodesMustBeHealthy = everyNode((_node, conditions) => {
  for (const [type, value] of HEALTHY_CONDITIONS) {
    const actual = conditions[type]
    if (actual !== undefined && actual !== value) return `${type} is ${actual}, expected ${value}`
  }
  return undefined
})
