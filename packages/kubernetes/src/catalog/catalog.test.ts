import { validateExperiment, type ArgumentType, type ModuleFunctionSpec } from '@steadystate/core'
import type { JsonValue } from '@steadystate/model'
import { describe, expect, it } from 'vitest'
import { kubernetesRegistry } from '../../test/call.ts'
import { kubernetesModules } from '../index.ts'

/**
 * The reference's exported functions (`__all__` of chaostoolkit-kubernetes 0.39.0), module by module,
 * plus `delete_pods` and `all_pods_healthy`, which it keeps importable though unlisted.
 */
const REFERENCE: Record<string, string[]> = {
  'chaosk8s.actions': [
    'start_microservice',
    'kill_microservice',
    'scale_microservice',
    'remove_service_endpoint',
  ],
  'chaosk8s.probes': [
    'all_microservices_healthy',
    'microservice_available_and_healthy',
    'microservice_is_not_available',
    'service_endpoint_is_initialized',
    'deployment_is_not_fully_available',
    'deployment_is_fully_available',
    'read_microservices_logs',
    'secret_exists',
  ],
  'chaosk8s.pod.actions': ['terminate_pods', 'exec_in_pods', 'delete_pods'],
  'chaosk8s.pod.probes': [
    'all_pods_healthy',
    'pods_in_phase',
    'pods_in_conditions',
    'pods_not_in_phase',
    'read_pod_logs',
    'count_pods',
    'pod_is_not_available',
    'count_min_pods',
    'should_be_found_in_logs',
  ],
  'chaosk8s.deployment.actions': [
    'create_deployment',
    'delete_deployment',
    'scale_deployment',
    'rollout_deployment',
  ],
  'chaosk8s.deployment.probes': [
    'deployment_available_and_healthy',
    'deployment_not_fully_available',
    'deployment_fully_available',
    'deployment_partially_available',
  ],
  'chaosk8s.replicaset.actions': ['delete_replica_set'],
  'chaosk8s.statefulset.actions': ['create_statefulset', 'scale_statefulset', 'remove_statefulset'],
  'chaosk8s.statefulset.probes': ['statefulset_fully_available', 'statefulset_not_fully_available'],
  'chaosk8s.daemonset.actions': ['create_daemon_set', 'delete_daemon_set', 'update_daemon_set'],
  'chaosk8s.daemonset.probes': [
    'daemon_set_available_and_healthy',
    'daemon_set_not_fully_available',
    'daemon_set_fully_available',
    'daemon_set_partially_available',
  ],
  'chaosk8s.service.actions': ['create_service_endpoint', 'delete_service'],
  'chaosk8s.service.probes': ['service_is_initialized'],
  'chaosk8s.namespace.actions': ['create_namespace', 'delete_namespace'],
  'chaosk8s.namespace.probes': ['namespace_exists'],
  'chaosk8s.secret.actions': ['create_secret', 'delete_secret'],
  'chaosk8s.secret.probes': ['secret_exists'],
  'chaosk8s.networking.actions': [
    'create_ingress',
    'delete_ingress',
    'update_ingress',
    'create_network_policy',
    'remove_network_policy',
    'deny_all_ingress',
    'remove_deny_all_ingress',
    'deny_all_egress',
    'remove_deny_all_egress',
    'allow_dns_access',
    'remove_allow_dns_access',
  ],
  'chaosk8s.networking.probes': ['ingress_exists'],
  'chaosk8s.event.probes': ['get_events'],
  'chaosk8s.node.actions': ['create_node', 'delete_nodes', 'cordon_node', 'drain_nodes', 'uncordon_node'],
  'chaosk8s.node.probes': [
    'get_nodes',
    'all_nodes_must_be_ready_to_schedule',
    'get_all_node_status_conditions',
    'verify_nodes_condition',
    'nodes_must_be_healthy',
  ],
}

/** Required arguments of the reference's signatures (parameters without a default). */
const REQUIRED: Record<string, string[]> = {
  create_deployment: ['spec_path'],
  scale_deployment: ['name', 'replicas'],
  create_statefulset: ['spec_path'],
  scale_statefulset: ['name', 'replicas'],
  statefulset_fully_available: ['name'],
  statefulset_not_fully_available: ['name'],
  create_daemon_set: ['spec_path'],
  update_daemon_set: ['name', 'spec'],
  daemon_set_available_and_healthy: ['name'],
  daemon_set_partially_available: ['name'],
  daemon_set_fully_available: ['name'],
  daemon_set_not_fully_available: ['name'],
  create_service_endpoint: ['spec_path'],
  delete_service: ['name'],
  delete_namespace: ['name'],
  namespace_exists: ['name'],
  create_secret: ['spec_path'],
  delete_secret: ['name'],
  create_ingress: ['spec_path'],
  delete_ingress: ['name'],
  update_ingress: ['name', 'spec'],
  remove_network_policy: ['name'],
  ingress_exists: ['name'],
  start_microservice: ['spec_path'],
  kill_microservice: ['name'],
  scale_microservice: ['name', 'replicas'],
  remove_service_endpoint: ['name'],
}

const SECTIONS_1_3_TO_1_6 = Object.keys(REFERENCE).filter(
  (module) => !/^chaosk8s\.(pod\.|deployment\.probes$|probes$)/.test(module),
)

const SAMPLES: Record<ArgumentType, JsonValue> = {
  string: 'web',
  integer: 1,
  number: 1,
  boolean: true,
  object: {},
  array: [],
  any: 'web',
}

const modules = kubernetesModules()
const entries = modules.flatMap((definition) =>
  definition.functions.map((spec) => ({ module: definition.module, spec })),
)

function activity(module: string, spec: ModuleFunctionSpec, omit?: string): Record<string, unknown> {
  const args: Record<string, JsonValue> = {}
  for (const argument of spec.arguments)
    if (argument.required && argument.name !== omit) args[argument.name] = SAMPLES[argument.type]
  return {
    type: spec.kind,
    name: `${module}.${spec.name}`,
    provider: { type: 'python', module, func: spec.name, arguments: args },
  }
}

function validate(method: Record<string, unknown>[]) {
  return validateExperiment(
    { title: 'catalogue', description: 'every chaosk8s function', method },
    { registry: kubernetesRegistry(), env: { PATH: process.env.PATH }, cwd: process.cwd() },
  )
}

describe('the chaosk8s catalogue', () => {
  it('declares every function the reference exports, under the same module paths', () => {
    for (const [module, functions] of Object.entries(REFERENCE)) {
      const declared = modules
        .find((definition) => definition.module === module)
        ?.functions.map((f) => f.name)
      expect(declared?.sort(), module).toEqual([...functions].sort())
    }
  })

  it('requires exactly the arguments the reference’s signatures require', () => {
    for (const { module, spec } of entries) {
      // Sections 1.3 (legacy actions) to 1.6; the pod and deployment-probe specs predate this check.
      if (!SECTIONS_1_3_TO_1_6.includes(module)) continue
      const required = spec.arguments.filter((argument) => argument.required).map((argument) => argument.name)
      expect(required, spec.name).toEqual(REQUIRED[spec.name] ?? [])
    }
  })

  it('validates every function with just its required arguments', async () => {
    const issues = await validate(entries.map(({ module, spec }) => activity(module, spec)))
    expect(issues.filter((issue) => issue.severity === 'error')).toEqual([])
  })

  it('reports a missing required argument with the reference’s message', async () => {
    const cases = entries.flatMap(({ module, spec }) =>
      spec.arguments.filter((a) => a.required).map((argument) => ({ module, spec, missing: argument.name })),
    )
    expect(cases.length).toBeGreaterThan(40)
    for (const { module, spec, missing } of cases) {
      const issues = await validate([activity(module, spec, missing)])
      expect(issues.map((issue) => issue.message)).toContain(
        `required argument '${missing}' is missing from activity '${spec.name}'`,
      )
    }
  })

  it('implements every declared function, with a dry run for each one that deletes, drains, cordons or scales', async () => {
    const registry = kubernetesRegistry()
    for (const { module, spec } of entries) {
      const implementation = await registry.modules.implementation(module)
      expect(implementation?.functions[spec.name], `${module}.${spec.name}`).toBeTypeOf('function')
      // Probes only read (kill_switch_released reads the kill switch); actions change things.
      if (
        spec.kind === 'action' &&
        /^(delete|remove|drain|cordon|scale|kill)_/.test(spec.name) &&
        !spec.name.startsWith('remove_deny')
      ) {
        if (module === 'chaosk8s.pod.actions') continue
        expect(implementation?.dryRun?.[spec.name], `dry run of ${module}.${spec.name}`).toBeTypeOf(
          'function',
        )
      }
    }
  })
})
