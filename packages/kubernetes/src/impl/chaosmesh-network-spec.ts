import { ActivityFailedError, assertNever } from '@steadystate/core'
import { chaosObject, compact, NETWORK_CHAOS, type ChaosObject } from './chaosmesh-object.ts'
import {
  given,
  hasTargetSelector,
  listArg,
  netemDurationArg,
  percentArg,
  podSelector,
  wholeNumber,
  type Args,
} from './chaosmesh-selectors.ts'

/** The reference's NetworkChaos builders (`chaosk8s.chaosmesh.network.actions`). */
export type NetworkFault =
  'add_latency' | 'set_loss' | 'duplicate_packets' | 'corrupt_packets' | 'reorder_packets' | 'set_bandwidth'

const DIRECTIONS = ['to', 'from', 'both']
const UINT32_MAX = 4_294_967_295

function required<T>(value: T | undefined, fault: NetworkFault, name: string, example: string): T {
  if (value === undefined) {
    throw new ActivityFailedError(
      `${fault} needs '${name}' (e.g. ${example}): Chaos Mesh refuses this fault without it`,
    )
  }
  return value
}

/** A rate as Chaos Mesh parses it: a whole number and a unit (bit, kbit, …, bps, kbps, …). */
function rateArg(args: Args): string {
  const rate = args.rate
  if (
    typeof rate !== 'string' ||
    !/^\s*\d+\s*(kbit|mbit|gbit|tbit|tbps|gbps|mbps|kbps|bps|bit)\s*$/i.test(rate)
  )
    throw new ActivityFailedError(
      `argument 'rate' must be a whole number with a unit (bit, kbit, mbit, gbit, tbit, bps, kbps, mbps, gbps, tbps), e.g. "1mbps", got ${JSON.stringify(rate)}`,
    )
  return rate
}

function optionalWhole(args: Args, name: string, max: number): number | undefined {
  if (!given(args, name)) return undefined
  const value = wholeNumber(name, args[name], 0, max)
  // The reference omits falsy values (`if peakrate:`), so 0 means "not set" there too.
  return value === 0 ? undefined : value
}

/** Loss, duplication and corruption: the action, and its block with the percentage of the same name. */
function percentFault(
  fault: NetworkFault,
  action: 'loss' | 'duplicate' | 'corrupt',
  args: Args,
  correlation: string | undefined,
): Record<string, unknown> {
  return {
    action,
    [action]: compact({ [action]: required(percentArg(args, action), fault, action, '"25"'), correlation }),
  }
}

/** `spec.action` and the action's own block. */
function faultSpec(fault: NetworkFault, args: Args): Record<string, unknown> {
  const correlation = percentArg(args, 'correlation')
  switch (fault) {
    case 'add_latency':
      return {
        action: 'delay',
        delay: compact({
          latency: required(netemDurationArg(args, 'latency'), fault, 'latency', '"100ms"'),
          correlation,
          jitter: netemDurationArg(args, 'jitter'),
        }),
      }
    case 'set_loss':
      return percentFault(fault, 'loss', args, correlation)
    case 'duplicate_packets':
      return percentFault(fault, 'duplicate', args, correlation)
    case 'corrupt_packets':
      return percentFault(fault, 'corrupt', args, correlation)
    case 'reorder_packets':
      // Chaos Mesh has no "reorder" action (the reference sends one, which its schema refuses):
      // reordering is a delay whose `reorder` block sends some packets at once, as with netem.
      return {
        action: 'delay',
        delay: {
          latency: required(netemDurationArg(args, 'latency'), fault, 'latency', '"10ms"'),
          reorder: compact({
            reorder: required(percentArg(args, 'reorder'), fault, 'reorder', '"25"'),
            correlation,
            gap: given(args, 'gap') ? wholeNumber('gap', args.gap, 0, UINT32_MAX) : 0,
          }),
        },
      }
    case 'set_bandwidth':
      // The reference sends `action: bandwdith` (sic), which Chaos Mesh's schema refuses.
      return {
        action: 'bandwidth',
        bandwidth: compact({
          rate: rateArg(args),
          limit: wholeNumber('limit', args.limit, 1, UINT32_MAX),
          buffer: wholeNumber('buffer', args.buffer, 1, UINT32_MAX),
          peakrate: optionalWhole(args, 'peakrate', Number.MAX_SAFE_INTEGER),
          minburst: optionalWhole(args, 'minburst', UINT32_MAX),
        }),
      }
    default:
      return assertNever(fault, 'network fault')
  }
}

/**
 * The NetworkChaos one of the reference's network actions creates, with its bugs fixed: a real
 * `metadata.namespace`, actions Chaos Mesh knows, values as strings where Chaos Mesh wants them,
 * a `value` for every mode that needs one, and a `target` only when one is asked for (the
 * reference always sends `target: {mode: one}`, which narrows the fault to the traffic towards one
 * random pod of the namespace).
 */
export function networkChaos(fault: NetworkFault, args: Args): ChaosObject {
  const direction = args.direction ?? 'to'
  if (typeof direction !== 'string' || !DIRECTIONS.includes(direction))
    throw new ActivityFailedError(
      `argument 'direction' must be one of to, from, both, got ${JSON.stringify(direction)}`,
    )
  const externalTargets = listArg(args, 'external_targets')
  const withTarget = hasTargetSelector(args) || (args.target_mode ?? 'one') !== 'one'
  if (direction !== 'to' && !withTarget)
    throw new ActivityFailedError(
      `direction '${direction}' needs target pods: give target_label_selectors, target_namespaces_selectors or target_annotations_selectors`,
    )
  if (direction !== 'to' && externalTargets !== undefined)
    throw new ActivityFailedError(
      `external_targets work only with direction 'to': Chaos Mesh refuses them with '${direction}'`,
    )
  const spec = {
    ...faultSpec(fault, args),
    ...podSelector(args, ''),
    direction,
    ...compact({
      externalTargets,
      target: withTarget ? podSelector(args, 'target_') : undefined,
    }),
  }
  return chaosObject(NETWORK_CHAOS, args, spec)
}
