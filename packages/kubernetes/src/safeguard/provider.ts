import type { SafeguardProvider } from '@steadystate/core'
import type { ClusterSafeguardSettings } from './settings.ts'
import { kubernetesFunction } from './targets.ts'

/**
 * The Kubernetes driver's safeguards, for the engine's `RunOptions.safeguards`: a record of pending
 * rollbacks (a ConfigMap) and a lock (a Lease) in each namespace a run's Kubernetes actions target.
 * Nothing is loaded for experiments that call no Kubernetes function.
 */
export function kubernetesSafeguards(settings: ClusterSafeguardSettings): SafeguardProvider {
  return {
    async open(request) {
      const applies =
        request.mode.kind === 'recovery'
          ? request.mode.journal.steadystate?.cluster !== undefined
          : request.calls.some((call) => kubernetesFunction(call) !== undefined)
      if (!applies) return { kind: 'not-applicable' }
      const { openKubernetesSafeguard } = await import('./open.ts')
      return openKubernetesSafeguard(request, settings)
    },
  }
}
