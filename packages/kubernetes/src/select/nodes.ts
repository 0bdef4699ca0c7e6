import { isRecord } from '@steadystate/model'
import { ActivityFailedError } from '@steadystate/core'
import { sample } from './random.ts'

/** How many nodes one action may delete or drain unless the experiment raises it. @default 1 */
export const DEFAULT_MAX_NODES = 1

/** Which of the matching nodes an action takes: the first, `count` at random, or all of them. */
export interface NodePick {
  first: boolean
  count: number | undefined
}

/**
 * Nodes that host at least one of the pods, each once and in list order. The reference appends a
 * node once per matching pod, so a node with three matching pods was three times as likely to be
 * drawn and could be drained "three times".
 */
export function nodesHostingPods<T extends { metadata?: { name?: string } }>(
  nodes: readonly T[],
  pods: readonly { spec?: { nodeName?: string } }[],
): T[] {
  const hosts = new Set(pods.map((pod) => pod.spec?.nodeName).filter((name) => name !== undefined))
  return nodes.filter((node) => hosts.has(node.metadata?.name ?? ''))
}

/**
 * Picks among matching nodes. `count` draws distinct nodes (the reference's `random.choices` draws
 * with replacement, so `count: 2` could pick one node twice), at most as many as there are.
 */
export function pickNodes<T>(nodes: readonly T[], pick: NodePick, random: () => number): T[] {
  if (pick.first) return nodes.slice(0, 1)
  if (pick.count !== undefined) return sample(nodes, pick.count, random)
  return [...nodes]
}

/**
 * `delete_nodes`'s choice: `all` takes every matching node, `rand` one at random, `count` that many
 * at random, otherwise the first one listed (the reference's documented rules).
 */
export function deletionPick(all: boolean, rand: boolean, count: number | undefined): NodePick {
  if (all) return { first: false, count: undefined }
  if (rand) return { first: false, count: 1 }
  if (count === undefined || count < 1) return { first: true, count: undefined }
  return { first: false, count }
}

/**
 * The node cap: `steadystate_guardrails: {max_nodes: N}` in the configuration, else
 * STEADYSTATE_MAX_NODES, else 1.
 */
export function readMaxNodes(
  configuration: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
): number {
  const guardrails = isRecord(configuration.steadystate_guardrails)
    ? configuration.steadystate_guardrails
    : {}
  for (const [value, name] of [
    [guardrails.max_nodes, 'max_nodes'],
    [env.STEADYSTATE_MAX_NODES, 'STEADYSTATE_MAX_NODES'],
  ] as const) {
    if (value === undefined || value === null || value === '') continue
    const parsed = Number(value)
    if (!Number.isInteger(parsed) || parsed < 0)
      throw new ActivityFailedError(
        `guardrail ${name} must be a whole number of at least 0, got ${JSON.stringify(value)}`,
      )
    return parsed
  }
  return DEFAULT_MAX_NODES
}

/**
 * Refuses to delete or drain every node of the cluster unless `all` says so, and more nodes than
 * the cap in any case: losing all nodes takes every workload down, which is an outage, not an
 * experiment.
 */
export function checkNodeBlastRadius(
  verb: 'delete' | 'drain',
  victims: readonly string[],
  clusterSize: number,
  all: boolean,
  maxNodes: number,
): void {
  if (!all && clusterSize > 0 && victims.length >= clusterSize) {
    throw new ActivityFailedError(
      `this would ${verb} every node of the cluster (${victims.join(', ')}); ` +
        'narrow the selection, or set "all": true to do that on purpose',
    )
  }
  if (victims.length > maxNodes) {
    throw new ActivityFailedError(
      `this would ${verb} ${victims.length} nodes (${victims.join(', ')}), more than the guardrail allows ` +
        `(${maxNodes}); raise "steadystate_guardrails": {"max_nodes": N} in the configuration if that is intended`,
    )
  }
}
