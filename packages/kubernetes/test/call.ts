import {
  ModuleRegistry,
  ProviderRegistry,
  RunResources,
  type ModuleArguments,
  type ModuleCallContext,
} from '@steadystate/core'
import type { JsonObject, JsonValue, Measurement } from '@steadystate/model'
import { kubernetesModules } from '../src/index.ts'

export interface CallResult {
  output: JsonValue
  logs: string[]
  measurements: Measurement[]
  /** Resolves when the work the function deferred (e.g. a recovery measurement) is done. */
  settled: Promise<void>
}

/**
 * What the driver keeps for one run (clients, recovery measurements): the calls of one test file
 * share it, as the activities of one experiment do (vitest gives each file its own module).
 */
const fileRun = new RunResources()

/**
 * Calls a chaosk8s function the way the engine does (registry, lazy load, defaults, context), against
 * the test cluster's kubeconfig, so end-to-end tests exercise exactly what experiments run.
 */
export async function callK8s(
  kubeconfig: string,
  module: string,
  func: string,
  args: Record<string, unknown>,
  options: {
    configuration?: Record<string, unknown>
    env?: Record<string, string>
    signal?: AbortSignal
    /** The run the call belongs to. @default the test file's */
    resources?: RunResources
  } = {},
): Promise<CallResult> {
  const registry = new ModuleRegistry()
  for (const definition of kubernetesModules()) registry.register(definition)
  const definition = registry.get(module)
  const spec = definition?.functions.find((candidate) => candidate.name === func)
  if (definition === undefined || spec === undefined) throw new Error(`no such function ${module}.${func}`)
  const implementation = (await definition.load()).functions[func]
  if (implementation === undefined) throw new Error(`${module}.${func} is declared but not implemented`)
  const withDefaults: ModuleArguments = {}
  for (const argument of spec.arguments)
    if (argument.default !== undefined) withDefaults[argument.name] = argument.default
  const logs: string[] = []
  const measurements: Measurement[] = []
  const deferred: Promise<void>[] = []
  const context: ModuleCallContext = {
    activityName: func,
    activityType: spec.kind,
    configuration: json(options.configuration ?? {}),
    secrets: {},
    scopedSecrets: undefined,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, KUBECONFIG: kubeconfig, ...options.env },
    cwd: process.cwd(),
    signal: options.signal ?? AbortSignal.timeout(120_000),
    log: { info: (message) => logs.push(message), warn: (message) => logs.push(`warn: ${message}`) },
    measure: (kind, data) => measurements.push({ phase: 'run', index: 0, activity: func, kind, data }),
    defer: (_label, task) => deferred.push(task(AbortSignal.timeout(120_000))),
    resources: options.resources ?? fileRun,
  }
  const output = await implementation({ ...withDefaults, ...json(args) }, context)
  return { output, logs, measurements, settled: Promise.all(deferred).then(() => undefined) }
}

/** The engine's view: a ProviderRegistry with the Kubernetes modules, for validation tests. */
export function kubernetesRegistry(): ProviderRegistry {
  const modules = new ModuleRegistry()
  for (const definition of kubernetesModules()) modules.register(definition)
  return new ProviderRegistry(modules)
}

/** Test literals are JSON. */
export function json(value: Record<string, unknown>): JsonObject {
  return value as JsonObject
}
