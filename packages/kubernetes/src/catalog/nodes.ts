import { action, opt, probe } from './spec.ts'

const LABELS = opt('label_selector', 'string', null, 'node label selector')
const NAME = opt('name', 'string', null, 'node name')
const POD_FILTER = [
  opt(
    'pod_label_selector',
    'string',
    null,
    'only nodes hosting pods with these labels (needs pod_namespace)',
  ),
  opt('pod_namespace', 'string', null, 'namespace of those pods'),
]

export const NODE_ACTIONS = [
  action('create_node', 'Create a Node object; returns it.', [
    opt('meta', 'object', null),
    opt('spec', 'object', null),
  ]),
  action('delete_nodes', 'Delete nodes (the first matching, one at random, count at random, or all).', [
    LABELS,
    opt('all', 'boolean', false, 'every matching node (within the max_nodes guardrail)'),
    opt('rand', 'boolean', false, 'one node at random'),
    opt('count', 'integer', null, 'this many nodes at random'),
    opt('grace_period_seconds', 'integer', null),
    ...POD_FILTER,
  ]),
  action('cordon_node', 'Mark nodes unschedulable; returns their names.', [
    NAME,
    LABELS,
    opt(
      'all',
      'boolean',
      false,
      'every node of the cluster when neither name nor label_selector is given (steadystate)',
    ),
  ]),
  action('uncordon_node', 'Mark nodes schedulable again; returns their names.', [NAME, LABELS]),
  action(
    'drain_nodes',
    'Cordon nodes and evict their pods (Eviction API, PDBs respected); returns their names.',
    [
      NAME,
      LABELS,
      opt('delete_pods_with_local_storage', 'boolean', false),
      opt('timeout', 'number', 120, 'seconds for the whole drain'),
      opt('count', 'integer', null, 'this many matching nodes at random'),
      ...POD_FILTER,
      opt('all', 'boolean', false, 'allow draining every node of the cluster (steadystate)'),
    ],
  ),
]

export const NODE_PROBES = [
  probe('get_nodes', 'The NodeList, as the API returns it.', [LABELS]),
  probe('get_all_node_status_conditions', 'Each node’s conditions: [{name, Ready: "True", …}].', [LABELS]),
  probe('all_nodes_must_be_ready_to_schedule', 'True when every node is Ready and not cordoned.', [LABELS]),
  probe('verify_nodes_condition', 'True when every node has the condition with the value.', [
    opt('condition_type', 'string', 'PIDPressure'),
    opt('condition_value', 'string', 'False'),
    LABELS,
  ]),
  probe(
    'nodes_must_be_healthy',
    'True when no node reports pressure, a kernel or runtime problem, or not Ready.',
    [LABELS],
  ),
]
