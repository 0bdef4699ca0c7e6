import { ModuleRegistry, ProviderRegistry } from '@steadystate/core'
import { kubernetesModules } from '@steadystate/kubernetes'
import { prometheusModules } from '@steadystate/prometheus'
import { safeguardModules } from '@steadystate/safeguards'

/**
 * The providers and native modules this CLI ships. Module specs are cheap; each module's
 * implementation (e.g. the Kubernetes client) is imported only when an experiment calls it.
 */
export function createRegistry(): ProviderRegistry {
  const modules = new ModuleRegistry()
  for (const definition of [...kubernetesModules(), ...prometheusModules(), ...safeguardModules()])
    modules.register(definition)
  return new ProviderRegistry(modules)
}
