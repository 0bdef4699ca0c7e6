import { action, NS, opt, probe, req } from './spec.ts'

/** Selection arguments shared by the pod actions (the reference's `_select_pods`), plus steadystate's. */
const SELECTION = [
  opt('label_selector', 'string', null, 'Kubernetes label selector, e.g. app=web'),
  opt('name_pattern', 'string', null, 'regular expression searched in pod names'),
  opt('all', 'boolean', false, 'every matching pod (required to target a namespace without selectors)'),
  opt('rand', 'boolean', false, 'pick victims at random'),
  opt('mode', 'string', 'fixed', 'fixed | percentage | one | fixed-percent | random-max-percent'),
  opt('qty', 'number', 1, 'how many pods (fixed) or what percentage'),
  NS,
  opt('order', 'string', 'alphabetic', 'alphabetic | oldest'),
  opt('field_selector', 'string', null, 'Kubernetes field selector (steadystate)'),
  opt('phase', 'string', null, 'only pods in this phase, e.g. Running (steadystate)'),
  opt('ready_only', 'boolean', false, 'only pods that are Ready (steadystate)'),
  opt('owner_kind', 'string', null, 'only pods owned by this kind, e.g. ReplicaSet (steadystate)'),
  opt('seed', 'integer', null, 'random seed, to reproduce a run (steadystate)'),
]

export const POD_ACTIONS = [
  action(
    'terminate_pods',
    'Terminate pods selected by labels, name pattern and mode; returns the names terminated.',
    [...SELECTION, opt('grace_period', 'integer', -1, 'seconds; -1 keeps each pod’s own')],
  ),
  action('exec_in_pods', 'Run a command in the selected pods; returns each pod’s exit code and output.', [
    req('cmd', 'any', 'command, as a string or a list'),
    ...SELECTION,
    opt('container_name', 'string', null),
    opt('request_timeout', 'number', 60),
  ]),
  action('delete_pods', 'Deprecated: terminate pods by name pattern.', [
    opt('name', 'string', null),
    NS,
    opt('label_selector', 'string', null),
  ]),
]

export const POD_PROBES = [
  probe('read_pod_logs', 'Logs of the selected pods, keyed by pod name.', [
    opt('name', 'string', null),
    opt('last', 'string', null, 'e.g. "10 minutes"'),
    NS,
    opt('from_previous', 'boolean', false),
    opt('label_selector', 'string', 'name in ({name})'),
    opt('container_name', 'string', null),
  ]),
  probe('pods_in_phase', 'True when every selected pod is in the phase.', [
    req('label_selector', 'string'),
    opt('phase', 'string', 'Running'),
    NS,
    opt('raise_on_invalid_phase', 'boolean', true),
  ]),
  probe('pods_not_in_phase', 'True when no selected pod is in the phase.', [
    req('label_selector', 'string'),
    opt('phase', 'string', 'Running'),
    NS,
    opt('raise_on_in_phase', 'boolean', true),
  ]),
  probe('pods_in_conditions', 'True when every selected pod has every condition.', [
    req('label_selector', 'string'),
    req('conditions', 'array', 'list of {type, status}'),
    NS,
    opt('raise_on_invalid_conditions', 'boolean', true),
  ]),
  probe('count_pods', 'How many pods match (in the phase, if given).', [
    req('label_selector', 'string'),
    opt('phase', 'string', null),
    NS,
  ]),
  probe('count_min_pods', 'True when at least min_count pods match in the phase.', [
    req('label_selector', 'string'),
    opt('phase', 'string', 'Running'),
    opt('min_count', 'integer', 2),
    NS,
  ]),
  probe('pod_is_not_available', 'True when no matching pod is Running.', [
    req('name', 'string'),
    NS,
    opt('label_selector', 'string', 'name in ({name})'),
    opt('raise_on_is_available', 'boolean', true),
  ]),
  probe('all_pods_healthy', 'True when every pod of the namespace is Running or Succeeded.', [
    NS,
    opt('raise_on_any_unhealthy', 'boolean', true),
  ]),
  probe(
    'should_be_found_in_logs',
    'Tolerance helper: the pattern is found in the logs read by read_pod_logs.',
    [req('pattern', 'string'), opt('all_containers', 'boolean', true), opt('value', 'any', null)],
  ),
]
