import type { ModuleDryRunImpl, ModuleFunctionImpl, ModuleImplementation } from '@steadystate/core'
import { deleteFault, getFault, listFaults, networkFault, stressFault } from './chaosmesh-actions.ts'
import { NETWORK_CHAOS, STRESS_CHAOS } from './chaosmesh-object.ts'
import { CRD_ACTION_OPERATIONS } from './crd-actions.ts'
import { CRD_PROBES } from './crd-probes.ts'

/** A module whose functions all come with a dry run. */
function withDryRuns(
  operations: Record<string, { run: ModuleFunctionImpl; dryRun: ModuleDryRunImpl }>,
): ModuleImplementation {
  const entries = Object.entries(operations)
  return {
    functions: Object.fromEntries(entries.map(([name, { run }]) => [name, run])),
    dryRun: Object.fromEntries(entries.map(([name, { dryRun }]) => [name, dryRun])),
  }
}

/** Custom objects and Chaos Mesh faults (catalogue §1.7). */
export const CRD_IMPLEMENTATIONS: Record<string, ModuleImplementation> = {
  'chaosk8s.crd.actions': withDryRuns(CRD_ACTION_OPERATIONS),
  'chaosk8s.crd.probes': { functions: CRD_PROBES },
  'chaosk8s.chaosmesh.network.actions': withDryRuns({
    add_latency: networkFault(NETWORK_CHAOS, 'add_latency'),
    set_loss: networkFault(NETWORK_CHAOS, 'set_loss'),
    duplicate_packets: networkFault(NETWORK_CHAOS, 'duplicate_packets'),
    corrupt_packets: networkFault(NETWORK_CHAOS, 'corrupt_packets'),
    reorder_packets: networkFault(NETWORK_CHAOS, 'reorder_packets'),
    set_bandwidth: networkFault(NETWORK_CHAOS, 'set_bandwidth'),
    delete_network_fault: deleteFault(NETWORK_CHAOS),
  }),
  'chaosk8s.chaosmesh.network.probes': {
    functions: { get_network_faults: listFaults(NETWORK_CHAOS), get_network_fault: getFault(NETWORK_CHAOS) },
  },
  'chaosk8s.chaosmesh.stress.actions': withDryRuns({
    stress_cpu: stressFault(STRESS_CHAOS, 'stress_cpu'),
    stress_memory: stressFault(STRESS_CHAOS, 'stress_memory'),
    delete_stressor: deleteFault(STRESS_CHAOS),
  }),
  'chaosk8s.chaosmesh.stress.probes': {
    functions: { get_stressors: listFaults(STRESS_CHAOS), get_stressor: getFault(STRESS_CHAOS) },
  },
}
