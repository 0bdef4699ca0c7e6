import { httpProvider } from './http.ts'
import { ModuleRegistry } from './modules.ts'
import { processProvider } from './process.ts'
import { pythonProvider } from './python.ts'
import type { ProviderType } from './types.ts'

/** The provider types an engine knows, plus the module registry behind `python` providers. */
export class ProviderRegistry {
  readonly modules: ModuleRegistry
  private readonly types = new Map<string, ProviderType>()

  constructor(modules: ModuleRegistry = new ModuleRegistry()) {
    this.modules = modules
    this.register(processProvider).register(httpProvider).register(pythonProvider(modules))
  }

  register(provider: ProviderType): this {
    this.types.set(provider.type, provider)
    return this
  }

  get(type: string): ProviderType | undefined {
    return this.types.get(type)
  }

  typeNames(): string[] {
    return [...this.types.keys()]
  }
}
