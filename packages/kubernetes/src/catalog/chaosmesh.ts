import type { ArgumentSpec } from '@steadystate/core'
import { action, NS, opt, probe, req } from './spec.ts'

const NAME = req('name', 'string', 'name of the Chaos Mesh object (the fault)')

/** Which pods the fault applies to (Chaos Mesh's `selector`, `mode` and `value`). */
const SELECTION = [
  opt('namespaces_selectors', 'any', null, 'namespaces of the pods: a list or "a,b"; default: ns'),
  opt('label_selectors', 'any', null, 'pod labels: a mapping or "app=web,tier=front"'),
  opt('annotations_selectors', 'any', null, 'pod annotations: a mapping or "k=v,k2=v2"'),
  opt('mode', 'string', 'one', 'one, all, fixed, fixed-percent or random-max-percent'),
  opt(
    'mode_value',
    'any',
    null,
    'pods for mode fixed; a percentage for fixed-percent and random-max-percent',
  ),
  opt('direction', 'string', 'to', 'to, from or both (from and both need a target)'),
]

/** The other end of the link (Chaos Mesh's `externalTargets` and `target`). */
const TARGET = [
  opt('external_targets', 'any', null, 'hosts or IPs outside the cluster: a list or "a,b"'),
  opt('target_mode', 'string', 'one', 'mode for the target pods'),
  opt('target_mode_value', 'any', null, 'value for the target mode'),
  opt('target_namespaces_selectors', 'any', null, 'namespaces of the target pods'),
  opt('target_label_selectors', 'any', null, 'labels of the target pods'),
  opt('target_annotations_selectors', 'any', null, 'annotations of the target pods'),
]

const CORRELATION = opt('correlation', 'any', null, 'percentage (0-100) the next value depends on the last')

function networkFault(name: string, description: string, specific: ArgumentSpec[]) {
  return action(name, description, [NAME, NS, ...SELECTION, ...specific, ...TARGET])
}

export const CHAOSMESH_NETWORK_ACTIONS = [
  networkFault('add_latency', 'Delay the network traffic of pods (NetworkChaos, action delay).', [
    opt('latency', 'string', null, 'e.g. 100ms (required by Chaos Mesh)'),
    CORRELATION,
    opt('jitter', 'string', null, 'e.g. 10ms'),
  ]),
  networkFault('set_loss', 'Drop network packets of pods (NetworkChaos, action loss).', [
    opt('loss', 'any', null, 'percentage of packets lost, e.g. "25" (required by Chaos Mesh)'),
    CORRELATION,
  ]),
  networkFault('duplicate_packets', 'Duplicate network packets of pods (NetworkChaos, action duplicate).', [
    opt('duplicate', 'any', null, 'percentage of packets duplicated (required by Chaos Mesh)'),
    CORRELATION,
  ]),
  networkFault('corrupt_packets', 'Corrupt network packets of pods (NetworkChaos, action corrupt).', [
    opt('corrupt', 'any', null, 'percentage of packets corrupted (required by Chaos Mesh)'),
    CORRELATION,
  ]),
  action(
    'reorder_packets',
    'Reorder network packets of pods (NetworkChaos, action delay with delay.reorder: netem reorders only delayed packets).',
    [
      NAME,
      NS,
      ...SELECTION,
      opt('reorder', 'any', null, 'percentage of packets sent at once (required by Chaos Mesh)'),
      CORRELATION,
      opt('gap', 'any', null, 'every gap-th packet is sent without delay'),
      ...TARGET,
      opt('latency', 'string', null, 'delay of the other packets, e.g. 10ms (required; steadystate)'),
    ],
  ),
  action('set_bandwidth', 'Limit the bandwidth of pods (NetworkChaos, action bandwidth).', [
    NAME,
    req('rate', 'string', 'e.g. 1mbps or 100kbit'),
    req('limit', 'integer', 'bytes that may queue waiting for tokens'),
    req('buffer', 'integer', 'bytes of tokens available at once'),
    NS,
    ...SELECTION,
    opt('peakrate', 'integer', null),
    opt('minburst', 'integer', null),
    ...TARGET,
  ]),
  action(
    'delete_network_fault',
    'Delete a NetworkChaos; Chaos Mesh lifts the fault (waits until it is gone).',
    [NAME, NS],
  ),
]

export const CHAOSMESH_NETWORK_PROBES = [
  probe('get_network_faults', 'The NetworkChaos objects of a namespace (the API’s list object).', [NS]),
  probe('get_network_fault', 'One NetworkChaos, as the API returns it.', [NAME, NS]),
]

/** Common StressChaos arguments after the stressor's own. */
const STRESS_COMMON = [
  NS,
  ...SELECTION.filter((argument) => argument.name !== 'direction'),
  opt('direction', 'string', 'to', 'accepted for compatibility; stressors have no direction'),
  opt('duration', 'string', '30s', 'how long the stress lasts, e.g. 30s or 5m'),
  opt('container_names', 'any', null, 'containers to stress: a list or "a,b"; default: the first'),
  opt('stressng_stressors', 'string', null, 'stress-ng options; they replace the stressors above'),
]

export const CHAOSMESH_STRESS_ACTIONS = [
  action('stress_cpu', 'Load the CPU of pods’ containers (StressChaos, cpu stressor).', [
    NAME,
    req('workers', 'integer', 'CPU workers (1-8192)'),
    req('load', 'integer', 'percentage of load per worker (0-100)'),
    ...STRESS_COMMON,
  ]),
  action('stress_memory', 'Consume memory in pods’ containers (StressChaos, memory stressor).', [
    NAME,
    opt('workers', 'integer', null, 'memory workers (1-8192; required by Chaos Mesh)'),
    opt('size', 'string', null, 'memory per worker, e.g. 256MB or 25%'),
    opt('oom_score', 'integer', null, 'oom_score_adj of the stress process (-1000 to 1000)'),
    opt('time_to_get_to_size', 'string', null, 'time to grow to size, e.g. 10s'),
    ...STRESS_COMMON,
  ]),
  action('delete_stressor', 'Delete a StressChaos; Chaos Mesh stops the stress (waits until it is gone).', [
    NAME,
    NS,
  ]),
]

export const CHAOSMESH_STRESS_PROBES = [
  probe('get_stressors', 'The StressChaos objects of a namespace (the API’s list object).', [NS]),
  probe('get_stressor', 'One StressChaos, as the API returns it.', [NAME, NS]),
]
