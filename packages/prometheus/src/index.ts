/**
 * @steadystate/prometheus: the Chaos Toolkit Prometheus probes (`chaosprometheus.probes`, from
 * chaostoolkit-prometheus 0.6.0) implemented natively, and `steadystate.prometheus.tolerances` for
 * numeric tolerances on their results; and the stop sources `steadystate.safeguards.prometheus`
 * and `steadystate.safeguards.alertmanager`. The specs below are cheap; implementations load only
 * when an experiment calls them. The query client is `@steadystate/prometheus/client`.
 */
import type { ModuleDefinition, ModuleFunctionSpec, ModuleImplementation } from '@steadystate/core'
import { PROMETHEUS_PROBES, PROMETHEUS_TOLERANCES } from './catalog.ts'
import { ALERTMANAGER_GUARDS, PROMETHEUS_GUARDS } from './safeguards/catalog.ts'

const MODULES: { module: string; description: string; functions: ModuleFunctionSpec[] }[] = [
  {
    module: 'chaosprometheus.probes',
    description: 'PromQL instant and range queries, means over a window',
    functions: PROMETHEUS_PROBES,
  },
  {
    module: 'steadystate.prometheus.tolerances',
    description: 'numeric tolerances on Prometheus query results (steadystate only)',
    functions: PROMETHEUS_TOLERANCES,
  },
  {
    module: 'steadystate.safeguards.prometheus',
    description: 'stop when a PromQL expression returns series, as an alerting rule fires (steadystate only)',
    functions: PROMETHEUS_GUARDS,
  },
  {
    module: 'steadystate.safeguards.alertmanager',
    description: 'stop while matching alerts fire in Alertmanager (steadystate only)',
    functions: ALERTMANAGER_GUARDS,
  },
]

async function load(module: string): Promise<ModuleImplementation> {
  const { IMPLEMENTATIONS } = await import('./impl/registry.ts')
  const implementation = IMPLEMENTATIONS[module]
  if (implementation === undefined) throw new Error(`no implementation registered for ${module}`)
  return implementation
}

/** The Prometheus modules, ready for `ModuleRegistry.register`. */
export function prometheusModules(): ModuleDefinition[] {
  return MODULES.map((definition) => ({ ...definition, load: () => load(definition.module) }))
}
