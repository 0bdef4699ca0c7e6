import { action, NS, opt, probe, req } from './spec.ts'

const SPEC_PATH = req(
  'spec_path',
  'string',
  'path to a JSON or YAML manifest, relative to the working directory',
)
const NAME = req('name', 'string')
const OPTIONAL_NAME = opt('name', 'string', null)
const LABELS = opt('label_selector', 'string', null)
const REPLICAS = req('replicas', 'integer', 'the desired number of replicas')
const TIMEOUT = opt('timeout', 'number', 30, 'seconds to wait, a real deadline')

/** The steadystate `all` argument of the delete actions: the reference's implicit "delete everything". */
function all(kind: string) {
  return opt(
    'all',
    'boolean',
    false,
    `delete every ${kind} of the namespace when neither name nor label_selector is given (steadystate)`,
  )
}

export const DEPLOYMENT_ACTIONS = [
  action('create_deployment', 'Create a Deployment from a JSON or YAML manifest.', [SPEC_PATH, NS]),
  action('delete_deployment', 'Delete Deployments by name, else by label selector.', [
    OPTIONAL_NAME,
    NS,
    LABELS,
    all('Deployment'),
  ]),
  action('scale_deployment', 'Scale a Deployment up or down.', [NAME, REPLICAS, NS]),
  action(
    'rollout_deployment',
    'Restart a Deployment’s pods with a rolling update (kubectl rollout restart).',
    [OPTIONAL_NAME, NS],
  ),
]

export const REPLICASET_ACTIONS = [
  action('delete_replica_set', 'Delete ReplicaSets by name, else by label selector.', [
    OPTIONAL_NAME,
    NS,
    LABELS,
    all('ReplicaSet'),
  ]),
]

export const STATEFULSET_ACTIONS = [
  action('create_statefulset', 'Create a StatefulSet from a JSON or YAML manifest.', [SPEC_PATH, NS]),
  action('scale_statefulset', 'Scale a StatefulSet up or down.', [NAME, REPLICAS, NS]),
  action('remove_statefulset', 'Delete StatefulSets by name, else by label selector.', [
    OPTIONAL_NAME,
    NS,
    LABELS,
    all('StatefulSet'),
  ]),
]

export const STATEFULSET_PROBES = [
  probe('statefulset_fully_available', 'Waits (up to timeout seconds) until every replica is ready.', [
    NAME,
    NS,
    LABELS,
    TIMEOUT,
    opt('raise_on_not_fully_available', 'boolean', true),
  ]),
  probe(
    'statefulset_not_fully_available',
    'Waits (up to timeout seconds) until not every replica is ready.',
    [NAME, NS, LABELS, TIMEOUT, opt('raise_on_fully_available', 'boolean', true)],
  ),
]

export const DAEMONSET_ACTIONS = [
  action('create_daemon_set', 'Create a DaemonSet from a JSON or YAML manifest.', [SPEC_PATH, NS]),
  action('delete_daemon_set', 'Delete DaemonSets by name, else by label selector.', [
    OPTIONAL_NAME,
    NS,
    LABELS,
    all('DaemonSet'),
  ]),
  action('update_daemon_set', 'Patch a DaemonSet (strategic merge patch).', [
    NAME,
    req('spec', 'object', 'the patch, e.g. {"spec": {"template": …}}'),
    NS,
  ]),
]

export const DAEMONSET_PROBES = [
  probe('daemon_set_available_and_healthy', 'True when every scheduled pod is ready (never raises).', [
    NAME,
    NS,
    LABELS,
  ]),
  probe('daemon_set_partially_available', 'True when at least one pod is ready (never raises).', [
    NAME,
    NS,
    LABELS,
  ]),
  probe('daemon_set_fully_available', 'Waits until every scheduled pod is ready; False on timeout.', [
    NAME,
    NS,
    LABELS,
    TIMEOUT,
  ]),
  probe('daemon_set_not_fully_available', 'Waits until some scheduled pod is not ready; False on timeout.', [
    NAME,
    NS,
    LABELS,
    TIMEOUT,
  ]),
]

/** The reference's deprecated `chaosk8s.actions` aliases. */
export const LEGACY_ACTIONS = [
  action('start_microservice', 'Deprecated alias of create_deployment.', [SPEC_PATH, NS]),
  action('kill_microservice', 'Deprecated: delete the Deployment, ReplicaSet and pods of a microservice.', [
    NAME,
    NS,
    opt('label_selector', 'string', 'name in ({name})'),
  ]),
  action('scale_microservice', 'Deprecated alias of scale_deployment.', [NAME, REPLICAS, NS]),
  action('remove_service_endpoint', 'Deprecated alias of delete_service.', [NAME, NS]),
]
