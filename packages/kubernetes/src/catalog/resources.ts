import { action, NS, opt, probe, req } from './spec.ts'

const SPEC_PATH = req(
  'spec_path',
  'string',
  'path to a JSON or YAML manifest, relative to the working directory',
)
const NAME = req('name', 'string')
const LABEL_SELECTORS = opt(
  'label_selectors',
  'object',
  null,
  'labels of the pods the policy applies to; all pods if unset',
)

export const SERVICE_ACTIONS = [
  action('create_service_endpoint', 'Create a Service from a JSON or YAML manifest.', [SPEC_PATH, NS]),
  action('delete_service', 'Delete a Service.', [NAME, NS]),
]

export const SERVICE_PROBES = [
  probe('service_is_initialized', 'True when the Service exists.', [
    opt('name', 'string', null),
    NS,
    opt('label_selector', 'string', null),
    opt('raise_if_service_not_initialized', 'boolean', true),
  ]),
]

export const NAMESPACE_ACTIONS = [
  action('create_namespace', 'Create a Namespace by name or from a JSON or YAML manifest.', [
    opt('name', 'string', null),
    opt('spec_path', 'string', null),
  ]),
  action('delete_namespace', 'Delete a Namespace (protected namespaces are refused).', [NAME]),
]

export const NAMESPACE_PROBES = [probe('namespace_exists', 'True when the Namespace exists.', [NAME])]

export const SECRET_ACTIONS = [
  action('create_secret', 'Create a Secret from a JSON or YAML manifest.', [SPEC_PATH, NS]),
  action('delete_secret', 'Delete a Secret.', [NAME, NS]),
]

export const SECRET_PROBES = [
  probe('secret_exists', 'True when a Secret matches the name and/or label selector.', [
    opt('name', 'string', null),
    NS,
    opt('label_selector', 'string', null),
  ]),
]

export const NETWORKING_ACTIONS = [
  action('create_ingress', 'Create an Ingress from a JSON or YAML manifest.', [SPEC_PATH, NS]),
  action('delete_ingress', 'Delete an Ingress.', [NAME, NS]),
  action('update_ingress', 'Patch an Ingress (strategic merge patch).', [NAME, req('spec', 'object'), NS]),
  action('create_network_policy', 'Create a NetworkPolicy from spec or from a JSON or YAML manifest.', [
    opt('spec', 'object', null),
    opt('spec_path', 'string', null),
    NS,
  ]),
  action('remove_network_policy', 'Delete a NetworkPolicy.', [NAME, NS]),
  action(
    'deny_all_ingress',
    'Deny all ingress traffic to the pods (NetworkPolicy chaostoolkit-deny-all-ingress).',
    [LABEL_SELECTORS, NS],
  ),
  action('remove_deny_all_ingress', 'Remove the policy deny_all_ingress created.', [NS]),
  action(
    'deny_all_egress',
    'Deny all egress traffic from the pods (NetworkPolicy chaostoolkit-deny-all-egress).',
    [LABEL_SELECTORS, NS],
  ),
  action('remove_deny_all_egress', 'Remove the policy deny_all_egress created.', [NS]),
  action(
    'allow_dns_access',
    'Allow DNS egress (port 53) from the pods (NetworkPolicy chaostoolkit-allow-dns).',
    [LABEL_SELECTORS, NS],
  ),
  action('remove_allow_dns_access', 'Remove the policy allow_dns_access created.', [NS]),
]

export const NETWORKING_PROBES = [probe('ingress_exists', 'True when the Ingress exists.', [NAME, NS])]

export const EVENT_PROBES = [
  probe('get_events', 'Events of every namespace (events.k8s.io/v1), as the API returns them.', [
    opt('label_selector', 'string', null),
    opt('field_selector', 'string', null, 'e.g. regarding.name=web, reason=Killing'),
    opt('limit', 'integer', 100),
  ]),
]
