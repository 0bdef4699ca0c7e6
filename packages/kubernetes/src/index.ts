/**
 * @steadystate/kubernetes: the Chaos Toolkit Kubernetes driver (chaosk8s) implemented natively.
 * The module specs below are cheap; implementations load only when an experiment calls them.
 */
import type { ModuleDefinition, ModuleFunctionSpec, ModuleImplementation } from '@steadystate/core'
import { POD_ACTIONS, POD_PROBES } from './catalog/pod.ts'
import { DEPLOYMENT_PROBES, LEGACY_PROBES, STEADYSTATE_PROBES } from './catalog/workloads.ts'
import {
  DAEMONSET_ACTIONS,
  DAEMONSET_PROBES,
  DEPLOYMENT_ACTIONS,
  LEGACY_ACTIONS,
  REPLICASET_ACTIONS,
  STATEFULSET_ACTIONS,
  STATEFULSET_PROBES,
} from './catalog/workload-actions.ts'
import {
  EVENT_PROBES,
  NAMESPACE_ACTIONS,
  NAMESPACE_PROBES,
  NETWORKING_ACTIONS,
  NETWORKING_PROBES,
  SECRET_ACTIONS,
  SECRET_PROBES,
  SERVICE_ACTIONS,
  SERVICE_PROBES,
} from './catalog/resources.ts'
import { NODE_ACTIONS, NODE_PROBES } from './catalog/nodes.ts'
import { CRD_ACTIONS, CRD_PROBES } from './catalog/crd.ts'
import {
  CHAOSMESH_NETWORK_ACTIONS,
  CHAOSMESH_NETWORK_PROBES,
  CHAOSMESH_STRESS_ACTIONS,
  CHAOSMESH_STRESS_PROBES,
} from './catalog/chaosmesh.ts'
import { KILL_SWITCH_PROBES } from './catalog/safeguards.ts'

const MODULES: { module: string; description: string; functions: ModuleFunctionSpec[] }[] = [
  {
    module: 'chaosk8s.pod.actions',
    description: 'terminate pods, run commands in them',
    functions: POD_ACTIONS,
  },
  {
    module: 'chaosk8s.pod.probes',
    description: 'pod phases, conditions, counts and logs',
    functions: POD_PROBES,
  },
  {
    module: 'chaosk8s.deployment.probes',
    description: 'Deployment availability, with watches and real deadlines',
    functions: DEPLOYMENT_PROBES,
  },
  {
    module: 'chaosk8s.deployment.actions',
    description: 'create, delete, scale and restart Deployments',
    functions: DEPLOYMENT_ACTIONS,
  },
  { module: 'chaosk8s.replicaset.actions', description: 'delete ReplicaSets', functions: REPLICASET_ACTIONS },
  {
    module: 'chaosk8s.statefulset.actions',
    description: 'create, scale and remove StatefulSets',
    functions: STATEFULSET_ACTIONS,
  },
  {
    module: 'chaosk8s.statefulset.probes',
    description: 'StatefulSet readiness, with watches and real deadlines',
    functions: STATEFULSET_PROBES,
  },
  {
    module: 'chaosk8s.daemonset.actions',
    description: 'create, delete and patch DaemonSets',
    functions: DAEMONSET_ACTIONS,
  },
  {
    module: 'chaosk8s.daemonset.probes',
    description: 'DaemonSet readiness (booleans, never raise)',
    functions: DAEMONSET_PROBES,
  },
  {
    module: 'chaosk8s.service.actions',
    description: 'create and delete Services',
    functions: SERVICE_ACTIONS,
  },
  { module: 'chaosk8s.service.probes', description: 'Service existence', functions: SERVICE_PROBES },
  {
    module: 'chaosk8s.namespace.actions',
    description: 'create and delete Namespaces',
    functions: NAMESPACE_ACTIONS,
  },
  { module: 'chaosk8s.namespace.probes', description: 'Namespace existence', functions: NAMESPACE_PROBES },
  { module: 'chaosk8s.secret.actions', description: 'create and delete Secrets', functions: SECRET_ACTIONS },
  { module: 'chaosk8s.secret.probes', description: 'Secret existence', functions: SECRET_PROBES },
  {
    module: 'chaosk8s.networking.actions',
    description: 'Ingresses and NetworkPolicies (deny ingress/egress, allow DNS)',
    functions: NETWORKING_ACTIONS,
  },
  { module: 'chaosk8s.networking.probes', description: 'Ingress existence', functions: NETWORKING_PROBES },
  { module: 'chaosk8s.event.probes', description: 'cluster events', functions: EVENT_PROBES },
  {
    module: 'chaosk8s.node.actions',
    description: 'create, delete, cordon, uncordon and drain nodes (capped by guardrails)',
    functions: NODE_ACTIONS,
  },
  {
    module: 'chaosk8s.node.probes',
    description: 'node lists, conditions and readiness',
    functions: NODE_PROBES,
  },
  {
    module: 'chaosk8s.crd.actions',
    description: 'create, patch, replace and delete custom objects (any CustomResourceDefinition)',
    functions: CRD_ACTIONS,
  },
  { module: 'chaosk8s.crd.probes', description: 'read and list custom objects', functions: CRD_PROBES },
  {
    module: 'chaosk8s.chaosmesh.network.actions',
    description:
      'Chaos Mesh network faults (NetworkChaos): latency, loss, duplication, corruption, reordering, bandwidth',
    functions: CHAOSMESH_NETWORK_ACTIONS,
  },
  {
    module: 'chaosk8s.chaosmesh.network.probes',
    description: 'Chaos Mesh network faults (NetworkChaos objects)',
    functions: CHAOSMESH_NETWORK_PROBES,
  },
  {
    module: 'chaosk8s.chaosmesh.stress.actions',
    description: 'Chaos Mesh CPU and memory stress (StressChaos)',
    functions: CHAOSMESH_STRESS_ACTIONS,
  },
  {
    module: 'chaosk8s.chaosmesh.stress.probes',
    description: 'Chaos Mesh stressors (StressChaos objects)',
    functions: CHAOSMESH_STRESS_PROBES,
  },
  {
    module: 'chaosk8s.actions',
    description: 'the reference’s deprecated action aliases (…_microservice)',
    functions: LEGACY_ACTIONS,
  },
  {
    module: 'chaosk8s.probes',
    description: 'the reference’s deprecated aliases (microservice_…)',
    // The reference's chaosk8s.probes also re-exports secret_exists.
    functions: [...LEGACY_PROBES, ...SECRET_PROBES],
  },
  {
    module: 'steadystate.kubernetes.probes',
    description: 'recovery-time checks (steadystate only)',
    functions: STEADYSTATE_PROBES,
  },
  {
    module: 'steadystate.safeguards.kubernetes',
    description: 'the kill switch: stop while a ConfigMap key is set (steadystate only)',
    functions: KILL_SWITCH_PROBES,
  },
]

async function load(module: string): Promise<ModuleImplementation> {
  const { IMPLEMENTATIONS } = await import('./impl/registry.ts')
  const implementation = IMPLEMENTATIONS[module]
  if (implementation === undefined) throw new Error(`no implementation registered for ${module}`)
  return implementation
}

async function preflight(context: {
  env: Readonly<Record<string, string | undefined>>
  secrets: Record<string, unknown>
}): Promise<string> {
  const { kubernetesPreflight } = await import('./preflight.ts')
  return kubernetesPreflight(context)
}

/** The chaosk8s modules, ready for `ModuleRegistry.register`. */
export function kubernetesModules(): ModuleDefinition[] {
  return MODULES.map((definition) => ({
    ...definition,
    load: () => load(definition.module),
    preflight,
  }))
}
