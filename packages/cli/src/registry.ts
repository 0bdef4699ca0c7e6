import { ModuleRegistry, ProviderRegistry } from '@steadystate/core'

/**
 * The providers and native modules this CLI ships. Module specs are cheap; each module's
 * implementation is imported only when an experiment calls it.
 */
export function createRegistry(): ProviderRegistry {
  const modules = new ModuleRegistry()
  return new ProviderRegistry(modules)
}
