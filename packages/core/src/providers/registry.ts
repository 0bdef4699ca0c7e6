import { httpProvider } from './http.ts'
import { ModuleRegistry } from './modules.ts'
import { processProvider } from './process.ts'
import { PythonBridge } from './python-bridge/bridge.ts'
import { pythonProvider } from './python.ts'
import type { ProviderType } from './types.ts'

/**
 * The provider types an engine knows, the module registry behind `python` providers, and the
 * Python bridge for the modules it does not implement (its worker starts on first use).
 */
export class ProviderRegistry {
  readonly modules: ModuleRegistry
  readonly python = new PythonBridge()
  private readonly types = new Map<string, ProviderType>()

  constructor(modules: ModuleRegistry = new ModuleRegistry()) {
    this.modules = modules
    this.register(processProvider).register(httpProvider).register(pythonProvider(modules, this.python))
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

  /** Stops what providers keep between activities (the Python worker); a later use starts again. */
  async close(): Promise<void> {
    await Promise.all([...this.types.values()].map((provider) => provider.close?.() ?? Promise.resolve()))
  }
}
