import type { ModuleImplementation } from '@steadystate/core'
import {
  createDaemonSet,
  deleteDaemonSet,
  describeDeleteDaemonSet,
  describeUpdateDaemonSet,
  updateDaemonSet,
} from './daemonset-actions.ts'
import {
  daemonSetAvailableAndHealthy,
  daemonSetFullyAvailable,
  daemonSetNotFullyAvailable,
  daemonSetPartiallyAvailable,
} from './daemonset-probes.ts'
import {
  createDeployment,
  deleteDeployment,
  describeDeleteDeployment,
  describeRollout,
  describeScaleDeployment,
  rolloutDeployment,
  scaleDeployment,
} from './deployment-actions.ts'
import {
  describeKillMicroservice,
  describeRemoveServiceEndpoint,
  describeScaleMicroservice,
  killMicroservice,
  removeServiceEndpoint,
  scaleMicroservice,
  startMicroservice,
} from './legacy-actions.ts'
import { deleteReplicaSet, describeDeleteReplicaSet } from './replicaset-actions.ts'
import {
  createStatefulSet,
  describeRemoveStatefulSet,
  describeScaleStatefulSet,
  removeStatefulSet,
  scaleStatefulSet,
} from './statefulset-actions.ts'
import { statefulSetFullyAvailable, statefulSetNotFullyAvailable } from './statefulset-probes.ts'

/** Workload actions and probes (chaosk8s's `deployment`, `replicaset`, `statefulset` and `daemonset` modules), with dry runs for what they destroy or change. */
export const WORKLOAD_IMPLEMENTATIONS: Record<string, ModuleImplementation> = {
  'chaosk8s.deployment.actions': {
    functions: {
      create_deployment: createDeployment,
      delete_deployment: deleteDeployment,
      scale_deployment: scaleDeployment,
      rollout_deployment: rolloutDeployment,
    },
    dryRun: {
      delete_deployment: describeDeleteDeployment,
      scale_deployment: describeScaleDeployment,
      rollout_deployment: describeRollout,
    },
  },
  'chaosk8s.replicaset.actions': {
    functions: { delete_replica_set: deleteReplicaSet },
    dryRun: { delete_replica_set: describeDeleteReplicaSet },
  },
  'chaosk8s.statefulset.actions': {
    functions: {
      create_statefulset: createStatefulSet,
      scale_statefulset: scaleStatefulSet,
      remove_statefulset: removeStatefulSet,
    },
    dryRun: { scale_statefulset: describeScaleStatefulSet, remove_statefulset: describeRemoveStatefulSet },
  },
  'chaosk8s.statefulset.probes': {
    functions: {
      statefulset_fully_available: statefulSetFullyAvailable,
      statefulset_not_fully_available: statefulSetNotFullyAvailable,
    },
  },
  'chaosk8s.daemonset.actions': {
    functions: {
      create_daemon_set: createDaemonSet,
      delete_daemon_set: deleteDaemonSet,
      update_daemon_set: updateDaemonSet,
    },
    dryRun: { delete_daemon_set: describeDeleteDaemonSet, update_daemon_set: describeUpdateDaemonSet },
  },
  'chaosk8s.daemonset.probes': {
    functions: {
      daemon_set_available_and_healthy: daemonSetAvailableAndHealthy,
      daemon_set_partially_available: daemonSetPartiallyAvailable,
      daemon_set_fully_available: daemonSetFullyAvailable,
      daemon_set_not_fully_available: daemonSetNotFullyAvailable,
    },
  },
  'chaosk8s.actions': {
    functions: {
      start_microservice: startMicroservice,
      kill_microservice: killMicroservice,
      scale_microservice: scaleMicroservice,
      remove_service_endpoint: removeServiceEndpoint,
    },
    dryRun: {
      kill_microservice: describeKillMicroservice,
      scale_microservice: describeScaleMicroservice,
      remove_service_endpoint: describeRemoveServiceEndpoint,
    },
  },
}
