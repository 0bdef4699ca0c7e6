import type { SafeguardRequest } from '@steadystate/core'
import { GLOBAL_NAMESPACE_ENV } from '../kill-switch/kill-switch.ts'
import { killSwitchNamespaces } from '../kill-switch/scope.ts'

/**
 * Whether a run has kill switches to check, without reading anything. Kept apart from the guard so
 * that deciding this loads no Kubernetes client: every CLI start goes through it.
 */
export function killSwitchInScope(
  request: Pick<SafeguardRequest, 'experiment' | 'configuration' | 'env'>,
): boolean {
  const { namespaces, unresolved } = killSwitchNamespaces(request.experiment, request.configuration)
  return namespaces.length > 0 || unresolved.length > 0 || globalNamespaceSet(request.env)
}

/** Whether STEADYSTATE_KILL_SWITCH_NAMESPACE names a global kill switch. */
export function globalNamespaceSet(env: SafeguardRequest['env']): boolean {
  return (env[GLOBAL_NAMESPACE_ENV] ?? '').trim() !== ''
}
