import { NS, opt, probe, req } from './spec.ts'

const NAME = req('name', 'string', 'the Deployment’s name')
const LABELS = opt('label_selector', 'string', null)

export const DEPLOYMENT_PROBES = [
  probe('deployment_available_and_healthy', 'True when every replica of the Deployment is available.', [
    NAME,
    NS,
    LABELS,
    opt('raise_on_unavailable', 'boolean', true),
  ]),
  probe('deployment_partially_available', 'True when at least one replica is available.', [
    NAME,
    NS,
    LABELS,
    opt('raise_on_not_partially_available', 'boolean', true),
  ]),
  probe('deployment_fully_available', 'Waits (up to timeout seconds) until every replica is ready.', [
    NAME,
    NS,
    LABELS,
    opt('timeout', 'number', 30),
    opt('raise_on_not_fully_available', 'boolean', true),
  ]),
  probe('deployment_not_fully_available', 'Waits (up to timeout seconds) until not every replica is ready.', [
    NAME,
    NS,
    LABELS,
    opt('timeout', 'number', 30),
    opt('raise_on_fully_available', 'boolean', true),
  ]),
]

/** The reference's deprecated `chaosk8s.probes` aliases, still named by many experiments. */
export const LEGACY_PROBES = [
  probe(
    'microservice_available_and_healthy',
    'Deprecated alias of deployment_available_and_healthy; returns True when healthy.',
    [NAME, NS, LABELS],
  ),
  probe('microservice_is_not_available', 'Deprecated alias of pod_is_not_available.', [
    NAME,
    NS,
    opt('label_selector', 'string', 'name in ({name})'),
  ]),
  probe('service_endpoint_is_initialized', 'Deprecated alias of service_is_initialized.', [
    NAME,
    NS,
    opt('label_selector', 'string', 'name in ({name})'),
  ]),
  probe('deployment_is_fully_available', 'Deprecated alias of deployment_fully_available.', [
    NAME,
    NS,
    LABELS,
    opt('timeout', 'number', 30),
  ]),
  probe('deployment_is_not_fully_available', 'Deprecated alias of deployment_not_fully_available.', [
    NAME,
    NS,
    LABELS,
    opt('timeout', 'number', 30),
  ]),
  probe('all_microservices_healthy', 'Deprecated alias of all_pods_healthy.', [NS]),
  probe('read_microservices_logs', 'Deprecated alias of read_pod_logs.', [
    opt('name', 'string', null),
    opt('last', 'string', null),
    NS,
    opt('from_previous', 'boolean', false),
    opt('label_selector', 'string', 'name in ({name})'),
    opt('container_name', 'string', null),
  ]),
]

export const STEADYSTATE_PROBES = [
  probe(
    'recovered_within',
    'True when every pod terminated in this run was replaced by a Ready pod within the given seconds.',
    [req('seconds', 'number'), opt('ns', 'string', null, 'only pods terminated in this namespace')],
  ),
]
