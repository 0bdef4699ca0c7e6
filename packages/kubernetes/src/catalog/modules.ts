import type { ModuleFunctionSpec } from '@steadystate/core'
import { POD_ACTIONS, POD_PROBES } from './pod.ts'
import { DEPLOYMENT_PROBES, LEGACY_PROBES, STEADYSTATE_PROBES } from './workloads.ts'
import {
  DAEMONSET_ACTIONS,
  DAEMONSET_PROBES,
  DEPLOYMENT_ACTIONS,
  LEGACY_ACTIONS,
  REPLICASET_ACTIONS,
  STATEFULSET_ACTIONS,
  STATEFULSET_PROBES,
} from './workload-actions.ts'
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
} from './resources.ts'
import { NODE_ACTIONS, NODE_PROBES } from './nodes.ts'
import { CRD_ACTIONS, CRD_PROBES } from './crd.ts'
import { KILL_SWITCH_PROBES } from './safeguards.ts'
import {
  CHAOSMESH_NETWORK_ACTIONS,
  CHAOSMESH_NETWORK_PROBES,
  CHAOSMESH_STRESS_ACTIONS,
  CHAOSMESH_STRESS_PROBES,
} from './chaosmesh.ts'

/** Every chaosk8s module steadystate implements, with its functions' specs (cheap: no client). */
export const MODULES: { module: string; description: string; functions: ModuleFunctionSpec[] }[] = [
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
