import type { ModuleImplementation } from '@steadystate/core'
import { getEvents } from './event-probes.ts'
import { ingressExists, namespaceExists, secretExists } from './exists-probes.ts'
import { createNamespace, deleteNamespace, describeDeleteNamespace } from './namespace-actions.ts'
import {
  allowDnsAccess,
  createIngress,
  createNetworkPolicy,
  deleteIngress,
  denyAllEgress,
  denyAllIngress,
  describeDeleteIngress,
  describeDenyAllEgress,
  describeDenyAllIngress,
  describeAllowDnsAccess,
  describeRemoveAllowDnsAccess,
  describeRemoveDenyAllEgress,
  describeRemoveDenyAllIngress,
  describeRemoveNetworkPolicy,
  describeUpdateIngress,
  removeAllowDnsAccess,
  removeDenyAllEgress,
  removeDenyAllIngress,
  removeNetworkPolicy,
  updateIngress,
} from './networking-actions.ts'
import {
  cordonNode,
  createNode,
  deleteNodes,
  describeCordonNode,
  describeDeleteNodes,
  uncordonNode,
} from './node-actions.ts'
import { describeDrainNodes, drainNodes } from './node-drain.ts'
import {
  allNodesMustBeReadyToSchedule,
  getAllNodeStatusConditions,
  getNodes,
  nodesMustBeHealthy,
  verifyNodesCondition,
} from './node-probes.ts'
import { createSecret, deleteSecret, describeDeleteSecret } from './secret-actions.ts'
import { createServiceEndpoint, deleteService, describeDeleteService } from './service-actions.ts'
import { serviceIsInitialized } from './service-probes.ts'

/** Services, namespaces, secrets, networking, events and nodes (chaosk8s's `service`, `namespace`, `secret`, `networking`, `event` and `node` modules). */
export const CLUSTER_IMPLEMENTATIONS: Record<string, ModuleImplementation> = {
  'chaosk8s.service.actions': {
    functions: { create_service_endpoint: createServiceEndpoint, delete_service: deleteService },
    dryRun: { delete_service: describeDeleteService },
  },
  'chaosk8s.service.probes': { functions: { service_is_initialized: serviceIsInitialized } },
  'chaosk8s.namespace.actions': {
    functions: { create_namespace: createNamespace, delete_namespace: deleteNamespace },
    dryRun: { delete_namespace: describeDeleteNamespace },
  },
  'chaosk8s.namespace.probes': { functions: { namespace_exists: namespaceExists } },
  'chaosk8s.secret.actions': {
    functions: { create_secret: createSecret, delete_secret: deleteSecret },
    dryRun: { delete_secret: describeDeleteSecret },
  },
  'chaosk8s.secret.probes': { functions: { secret_exists: secretExists } },
  'chaosk8s.networking.actions': {
    functions: {
      create_ingress: createIngress,
      delete_ingress: deleteIngress,
      update_ingress: updateIngress,
      create_network_policy: createNetworkPolicy,
      remove_network_policy: removeNetworkPolicy,
      deny_all_ingress: denyAllIngress,
      remove_deny_all_ingress: removeDenyAllIngress,
      deny_all_egress: denyAllEgress,
      remove_deny_all_egress: removeDenyAllEgress,
      allow_dns_access: allowDnsAccess,
      remove_allow_dns_access: removeAllowDnsAccess,
    },
    dryRun: {
      delete_ingress: describeDeleteIngress,
      update_ingress: describeUpdateIngress,
      remove_network_policy: describeRemoveNetworkPolicy,
      deny_all_ingress: describeDenyAllIngress,
      remove_deny_all_ingress: describeRemoveDenyAllIngress,
      deny_all_egress: describeDenyAllEgress,
      remove_deny_all_egress: describeRemoveDenyAllEgress,
      allow_dns_access: describeAllowDnsAccess,
      remove_allow_dns_access: describeRemoveAllowDnsAccess,
    },
  },
  'chaosk8s.networking.probes': { functions: { ingress_exists: ingressExists } },
  'chaosk8s.event.probes': { functions: { get_events: getEvents } },
  'chaosk8s.node.actions': {
    functions: {
      create_node: createNode,
      delete_nodes: deleteNodes,
      cordon_node: cordonNode,
      uncordon_node: uncordonNode,
      drain_nodes: drainNodes,
    },
    dryRun: {
      delete_nodes: describeDeleteNodes,
      cordon_node: describeCordonNode,
      drain_nodes: describeDrainNodes,
    },
  },
  'chaosk8s.node.probes': {
    functions: {
      get_nodes: getNodes,
      get_all_node_status_conditions: getAllNodeStatusConditions,
      all_nodes_must_be_ready_to_schedule: allNodesMustBeReadyToSchedule,
      verify_nodes_condition: verifyNodesCondition,
      nodes_must_be_healthy: nodesMustBeHealthy,
    },
  },
}
