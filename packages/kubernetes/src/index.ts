/**
 * @steadystate/kubernetes: the Chaos Toolkit Kubernetes driver (chaosk8s) implemented natively.
 * The module specs below are cheap; implementations load only when an experiment calls them.
 */
import type { ModuleDefinition, ModuleFunctionSpec, ModuleImplementation } from '@steadystate/core'
import { POD_ACTIONS, POD_PROBES } from './catalog/pod.ts'
import { DEPLOYMENT_PROBES, LEGACY_PROBES, STEADYSTATE_PROBES } from './catalog/workloads.ts'

const MODULES: { module: string; description: string; functions: ModuleFunctionSpec[] }[] = [
  {
    module: 'chaosk8s.pod.actions',
    description: 'terminate pods, run commands in them',
    functions: POD_ACTIONS,
  },
  {
    module: 'chaosk8s.pod.probes',
    description: 'pod phases, conditions, counts and logs',
    functions: POD_PROBES,
  },
  {
    module: 'chaosk8s.deployment.probes',
    description: 'Deployment availability, with watches and real deadlines',
    functions: DEPLOYMENT_PROBES,
  },
  {
    module: 'chaosk8s.probes',
    description: 'the reference’s deprecated aliases (microservice_…)',
    functions: LEGACY_PROBES,
  },
  {
    module: 'steadystate.kubernetes.probes',
    description: 'recovery-time checks (steadystate only)',
    functions: STEADYSTATE_PROBES,
  },
]

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
