/**
 * @steadystate/kubernetes: the Chaos Toolkit Kubernetes driver (chaosk8s) implemented natively.
 * The module specs (catalog/) are cheap; implementations load only when an experiment calls them.
 * Also the driver's safeguards: a run's record of pending rollbacks and its lock, in the cluster.
 */
import type { ModuleDefinition, ModuleImplementation } from '@steadystate/core'
import { MODULES } from './catalog/modules.ts'
import type { FindOptions, FoundRecord } from './safeguard/records.ts'

export { kubernetesSafeguards } from './safeguard/provider.ts'
export { lockNameProblem, newRunId } from './safeguard/names.ts'
export {
  DEFAULT_EXPIRY_SECONDS,
  DEFAULT_KILL_SWITCH_INTERVAL_SECONDS,
  DEFAULT_LEASE_SECONDS,
  KILL_SWITCH_INTERVAL_ENV,
  type ClusterSafeguardSettings,
} from './safeguard/settings.ts'
export type { FindOptions, FoundRecord } from './safeguard/records.ts'
export type { Liveness } from './safeguard/liveness.ts'

/** The run records in the cluster, with whether their runs are alive (for `steadystate recover`). */
export async function findRunRecords(
  options: FindOptions,
): Promise<{ where: string; records: FoundRecord[] }> {
  return (await import('./safeguard/records.ts')).findRunRecords(options)
}

/** Deletes a run record whose rollbacks are not pending any more. */
export async function deleteRunRecord(
  env: Readonly<Record<string, string | undefined>>,
  record: Pick<FoundRecord, 'namespace' | 'name'>,
  signal: AbortSignal,
): Promise<boolean> {
  return (await import('./safeguard/records.ts')).deleteRunRecord(env, record, signal)
}

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
