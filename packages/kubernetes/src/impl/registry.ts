import type { ModuleImplementation } from '@steadystate/core'
import { clientFor, withContext } from './context.ts'
import {
  deploymentAvailableAndHealthy,
  deploymentFullyAvailable,
  deploymentNotFullyAvailable,
  deploymentPartiallyAvailable,
} from './deployment-probes.ts'
import { deletePods, describeTermination, terminatePods } from './pod-actions.ts'
import {
  allPodsHealthy,
  countMinPods,
  countPods,
  podIsNotAvailable,
  podsInConditions,
  podsInPhase,
  podsNotInPhase,
  readPodLogs,
  shouldBeFoundInLogs,
} from './pod-probes.ts'
import { serviceIsInitialized } from './service-probes.ts'
import { recoveredWithin } from './steadystate-probes.ts'
import { execInPods } from './pod-exec.ts'
import { secretExists } from './exists-probes.ts'
import { CLUSTER_IMPLEMENTATIONS } from './registry-cluster.ts'
import { WORKLOAD_IMPLEMENTATIONS } from './registry-workloads.ts'
import { CRD_IMPLEMENTATIONS } from './registry-crd.ts'
import { killSwitchReleased } from './kill-switch-probe.ts'

/** Every native chaosk8s function, by module path. */
export const IMPLEMENTATIONS: Record<string, ModuleImplementation> = {
  'steadystate.safeguards.kubernetes': { functions: { kill_switch_released: killSwitchReleased } },
  'chaosk8s.pod.actions': {
    functions: { terminate_pods: terminatePods, exec_in_pods: execInPods, delete_pods: deletePods },
    dryRun: { terminate_pods: withContext(describeTermination) },
  },
  'chaosk8s.pod.probes': {
    functions: {
      read_pod_logs: readPodLogs,
      pods_in_phase: podsInPhase,
      pods_not_in_phase: podsNotInPhase,
      pods_in_conditions: podsInConditions,
      count_pods: countPods,
      count_min_pods: countMinPods,
      pod_is_not_available: podIsNotAvailable,
      all_pods_healthy: allPodsHealthy,
      should_be_found_in_logs: shouldBeFoundInLogs,
    },
  },
  'chaosk8s.deployment.probes': {
    functions: {
      deployment_available_and_healthy: deploymentAvailableAndHealthy,
      deployment_partially_available: deploymentPartiallyAvailable,
      deployment_fully_available: deploymentFullyAvailable,
      deployment_not_fully_available: deploymentNotFullyAvailable,
    },
  },
  'chaosk8s.probes': {
    functions: {
      microservice_available_and_healthy: deploymentAvailableAndHealthy,
      microservice_is_not_available: podIsNotAvailable,
      service_endpoint_is_initialized: serviceIsInitialized,
      deployment_is_fully_available: deploymentFullyAvailable,
      deployment_is_not_fully_available: deploymentNotFullyAvailable,
      all_microservices_healthy: allPodsHealthy,
      read_microservices_logs: readPodLogs,
      secret_exists: secretExists,
    },
  },
  'steadystate.kubernetes.probes': { functions: { recovered_within: recoveredWithin } },
  ...WORKLOAD_IMPLEMENTATIONS,
  ...CLUSTER_IMPLEMENTATIONS,
  ...CRD_IMPLEMENTATIONS,
}

export { clientFor }
