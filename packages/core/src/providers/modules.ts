import type { JsonValue } from '@steadystate/model'
import type { ProviderContext } from './types.ts'

/** The declared type of one argument of a module function, for validation and `discover`. */
export type ArgumentType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'any'

export interface ArgumentSpec {
  name: string
  type: ArgumentType
  required: boolean
  default?: JsonValue
  description?: string
}

/** What a native function of a module receives, besides its arguments. */
export interface ModuleCallContext extends ProviderContext {
  /** Secrets of the scopes the provider listed, merged flat (the reference's `secrets=` argument). */
  scopedSecrets: Record<string, unknown> | undefined
}

export type ModuleFunctionImpl = (
  args: Record<string, unknown>,
  context: ModuleCallContext,
) => Promise<JsonValue>

/**
 * Describes what the function would do without doing it, for dry runs (e.g. the pods an action
 * would terminate). Returns a sentence for the log.
 */
export type ModuleDryRunImpl = (args: Record<string, unknown>, context: ModuleCallContext) => Promise<string>

export interface ModuleFunctionSpec {
  name: string
  kind: 'probe' | 'action'
  description: string
  arguments: ArgumentSpec[]
}

/**
 * A Chaos Toolkit Python module (e.g. `chaosk8s.pod.actions`) implemented natively. The spec is
 * static and cheap; `load` brings in the implementation only when an experiment calls it, so a
 * heavy client library costs nothing to experiments that do not use it.
 */
export interface ModuleDefinition {
  module: string
  description: string
  functions: ModuleFunctionSpec[]
  load(): Promise<ModuleImplementation>
  /**
   * Checked once before a run whose experiment calls this module (e.g. the kubeconfig loads and the
   * cluster answers). Resolves to a line for the log; rejects with a message that says what to fix.
   * Modules sharing one preflight function are checked once.
   */
  preflight?: (context: PreflightContext) => Promise<string>
}

export interface PreflightContext {
  env: Readonly<Record<string, string | undefined>>
  /** Secrets of the scopes the calling activities list, merged flat. */
  secrets: Record<string, unknown>
  /** Aborted when the run is interrupted: a check must then stop waiting. */
  signal?: AbortSignal
}

export interface ModuleImplementation {
  functions: Record<string, ModuleFunctionImpl>
  dryRun?: Record<string, ModuleDryRunImpl>
}

/** The modules `python` providers can name, keyed by module path. */
export class ModuleRegistry {
  private readonly modules = new Map<string, ModuleDefinition>()
  private readonly loaded = new Map<string, Promise<ModuleImplementation>>()

  register(definition: ModuleDefinition): this {
    this.modules.set(definition.module, definition)
    return this
  }

  get(module: string): ModuleDefinition | undefined {
    return this.modules.get(module)
  }

  list(): ModuleDefinition[] {
    return [...this.modules.values()].sort((a, b) => a.module.localeCompare(b.module))
  }

  names(): string[] {
    return this.list().map((definition) => definition.module)
  }

  /** Loads a module's implementation once, however many activities call it. */
  implementation(module: string): Promise<ModuleImplementation> | undefined {
    const definition = this.modules.get(module)
    if (definition === undefined) return undefined
    let pending = this.loaded.get(module)
    if (pending === undefined) {
      pending = definition.load()
      this.loaded.set(module, pending)
    }
    return pending
  }
}
