import type {
  HttpProvider,
  OtherProvider,
  ProcessProvider,
  Provider,
  PythonProvider,
} from '@steadystate/model'
import { InternalError } from '../errors.ts'
import { httpProvider } from './http.ts'
import { ModuleRegistry } from './modules.ts'
import { processProvider } from './process.ts'
import { PythonBridge } from './python-bridge/bridge.ts'
import { pythonProvider } from './python.ts'
import { RunResources } from './resources.ts'
import type { BoundProvider, ProviderType } from './types.ts'

const BUILT_IN = new Set(['python', 'process', 'http'])

/**
 * The provider types an engine knows, the module registry behind `python` providers, the Python
 * bridge for the modules it does not implement (its worker starts on first use), and the resources
 * of the run in progress. A run closes its registry when it ends: the worker stops and the
 * resources go, so a registry used again starts afresh.
 */
export class ProviderRegistry {
  readonly modules: ModuleRegistry
  readonly python = new PythonBridge()
  /** What providers and modules keep for the run in progress (see `RunResources`). */
  readonly resources = new RunResources()
  private readonly builtIn: {
    python: ProviderType<PythonProvider>
    process: ProviderType<ProcessProvider>
    http: ProviderType<HttpProvider>
  }
  private readonly others = new Map<string, ProviderType<OtherProvider>>()

  constructor(modules: ModuleRegistry = new ModuleRegistry()) {
    this.modules = modules
    this.builtIn = {
      python: pythonProvider(modules, this.python),
      process: processProvider,
      http: httpProvider,
    }
  }

  /** Adds a provider type of the host's own (`python`, `process` and `http` are the engine's). */
  register(provider: ProviderType<OtherProvider>): this {
    if (BUILT_IN.has(provider.type))
      throw new InternalError(`the '${provider.type}' provider type is built in and cannot be replaced`)
    this.others.set(provider.type, provider)
    return this
  }

  /** The implementation of `provider`'s type, bound to it; undefined for a type nobody implements. */
  bind(provider: Provider): BoundProvider | undefined {
    switch (provider.kind) {
      case 'python':
        return bindTo(this.builtIn.python, provider)
      case 'process':
        return bindTo(this.builtIn.process, provider)
      case 'http':
        return bindTo(this.builtIn.http, provider)
      case 'other': {
        const type = typeof provider.type === 'string' ? this.others.get(provider.type) : undefined
        return type === undefined ? undefined : bindTo(type, provider)
      }
    }
  }

  typeNames(): string[] {
    return [...BUILT_IN, ...this.others.keys()]
  }

  /** Stops what providers keep between activities (the Python worker) and the run's resources. */
  async close(): Promise<void> {
    const types = [...Object.values(this.builtIn), ...this.others.values()]
    await Promise.all(types.map((provider) => provider.close?.() ?? Promise.resolve()))
    await this.resources.close()
  }
}

function bindTo<P extends Provider>(type: ProviderType<P>, provider: P): BoundProvider {
  return {
    validate: (path, context) => type.validate(provider, path, context),
    run: (context) => type.run(provider, context),
    describe: () => type.describe(provider),
  }
}
