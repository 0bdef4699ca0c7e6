import { action, NS, opt, probe, req } from './spec.ts'

const GROUP = req('group', 'string', 'API group of the custom resource, e.g. chaos-mesh.org')
const VERSION = req('version', 'string', 'e.g. v1alpha1')
const PLURAL = req('plural', 'string', 'plural resource name, e.g. networkchaos')
const NAME = req('name', 'string')
const GVR = [GROUP, VERSION, PLURAL]
const RESOURCE_FILE = opt(
  'resource_as_yaml_file',
  'string',
  null,
  'or a YAML (or JSON) file holding it, relative to the working directory',
)
const BODY = [opt('resource', 'object', null, 'the object, as a mapping'), RESOURCE_FILE]
const PATCH_BODY = [
  opt(
    'resource',
    'any',
    null,
    'a JSON Patch (list of operations), or a mapping sent as a JSON merge patch (steadystate)',
  ),
  RESOURCE_FILE,
]
const FORCE = opt('force', 'boolean', false, 'accepted for compatibility; patches and replaces ignore it')
const APPLIED = opt('resource', 'any', null, 'the object, as text (or a mapping)')

export const CRD_ACTIONS = [
  action(
    'create_custom_object',
    'Create a namespaced custom object; returns it (or, if it already exists, the API server’s 409 Status).',
    [...GVR, NS, ...BODY],
  ),
  action('delete_custom_object', 'Delete a namespaced custom object; returns the API server’s answer.', [
    ...GVR,
    NAME,
    NS,
  ]),
  action(
    'create_cluster_custom_object',
    'Create a cluster-scoped custom object; returns it (or the 409 Status if it exists).',
    [...GVR, ...BODY],
  ),
  action(
    'delete_cluster_custom_object',
    'Delete a cluster-scoped custom object; returns the API server’s answer.',
    [...GVR, NAME],
  ),
  action('patch_custom_object', 'Patch a namespaced custom object; returns it.', [
    ...GVR,
    NAME,
    NS,
    FORCE,
    ...PATCH_BODY,
  ]),
  action('replace_custom_object', 'Replace a namespaced custom object; returns it.', [
    ...GVR,
    NAME,
    NS,
    FORCE,
    ...BODY,
  ]),
  action('patch_cluster_custom_object', 'Patch a cluster-scoped custom object; returns it.', [
    ...GVR,
    NAME,
    FORCE,
    ...PATCH_BODY,
  ]),
  action('replace_cluster_custom_object', 'Replace a cluster-scoped custom object; returns it.', [
    ...GVR,
    NAME,
    FORCE,
    ...BODY,
  ]),
  action(
    'apply_from_json',
    'Create the object a JSON document describes (kind and namespace read from it); returns it.',
    [APPLIED],
  ),
  action(
    'apply_from_yaml',
    'Create the object a YAML document describes (kind and namespace read from it); returns it.',
    [APPLIED],
  ),
]

export const CRD_PROBES = [
  probe('get_custom_object', 'A namespaced custom object, as the API returns it.', [...GVR, NAME, NS]),
  probe('list_custom_objects', 'The custom objects of a namespace (the API’s list object).', [...GVR, NS]),
  probe('get_cluster_custom_object', 'A cluster-scoped custom object, as the API returns it.', [
    ...GVR,
    NAME,
  ]),
  probe('list_cluster_custom_objects', 'Custom objects of every namespace (the API’s list object).', GVR),
]
