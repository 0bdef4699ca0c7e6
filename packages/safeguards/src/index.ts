/**
 * @steadystate/safeguards: stop sources that need no client library (the HTTP guard,
 * `steadystate.safeguards.http`). The Prometheus and Alertmanager guards live with their client in
 * @steadystate/prometheus, the Kubernetes kill switch in @steadystate/kubernetes. Every guard
 * returns `true` while it is safe to go on, for the plain tolerance `true`.
 */
import type { ModuleDefinition } from '@steadystate/core'
import { HTTP_GUARDS } from './catalog.ts'

/** The modules of this package, ready for `ModuleRegistry.register`; implementations load on first use. */
export function safeguardModules(): ModuleDefinition[] {
  return [
    {
      module: 'steadystate.safeguards.http',
      description: 'stop unless an HTTP endpoint answers {"ok": true} (steadystate only)',
      functions: HTTP_GUARDS,
      load: async () => {
        const { endpointSaysOk, describeEndpointGuard } = await import('./http-guard.ts')
        return {
          functions: { endpoint_says_ok: endpointSaysOk },
          dryRun: { endpoint_says_ok: describeEndpointGuard },
        }
      },
    },
  ]
}
