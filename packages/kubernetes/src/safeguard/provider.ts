import type { SafeguardProvider } from '@steadystate/core'
import type { ClusterSafeguardSettings } from './settings.ts'
import { kubernetesFunction } from './targets.ts'
import { killSwitchInScope } from './kill-switch-scope.ts'

/**
 * The Kubernetes driver's safeguards, for the engine's `RunOptions.safeguards`: a record of pending
 * rollbacks (a ConfigMap) and a lock (a Lease) in each namespace a run's Kubernetes actions target,
 * and the kill switches of the namespaces it touches (and the global one), read before and during a
 * run (never for a recovery). Nothing is loaded for experiments with neither.
 */
export function kubernetesSafeguards(settings: ClusterSafeguardSettings): SafeguardProvider {
  return {
    async open(request) {
      const applies =
        request.mode.kind === 'recovery'
          ? request.mode.journal.steadystate?.cluster !== undefined
          : request.calls.some((call) => kubernetesFunction(call) !== undefined) || killSwitchInScope(request)
      if (!applies) return { kind: 'not-applicable' }
      const { openKubernetesSafeguard } = await import('./open.ts')
      return openKubernetesSafeguard(request, settings)
    },
  }
}
