import { ActivityFailedError, type ModuleCallContext, type ModuleFunctionImpl } from '@steadystate/core'
import type { JsonValue } from '@steadystate/model'
import { KubernetesApiError, KubernetesConfigError, KubernetesUnreachableError } from '../client/errors.ts'
import { loadKubeConfig } from '../client/kubeconfig.ts'
import { KubeClient } from '../client/rest.ts'
import { readGuardrails, type Guardrails } from '../select/guardrails.ts'

/** What every Kubernetes function receives: a client, the run's signal, a log and the guardrails. */
export interface K8sContext {
  client: KubeClient
  signal: AbortSignal
  log: ModuleCallContext['log']
  guardrails: Guardrails
  call: ModuleCallContext
}

const clients = new Map<string, KubeClient>()

/** One client per distinct configuration, reused across activities of a run. */
export function clientFor(call: Pick<ModuleCallContext, 'env' | 'scopedSecrets' | 'log'>): KubeClient {
  const secrets = call.scopedSecrets ?? {}
  const key = JSON.stringify([
    call.env.KUBECONFIG,
    call.env.HOME,
    call.env.KUBERNETES_CONTEXT,
    call.env.KUBERNETES_HOST,
    secrets,
  ])
  let client = clients.get(key)
  if (client === undefined) {
    const { config } = loadKubeConfig(call.env, secrets)
    client = new KubeClient(config, (message) => call.log.warn(message))
    clients.set(key, client)
  }
  return client
}

export type K8sFunction = (args: Record<string, unknown>, context: K8sContext) => Promise<JsonValue>

/** Adapts a Kubernetes function to the engine (see `withContext`). */
export function k8s(fn: K8sFunction): ModuleFunctionImpl {
  return withContext(fn)
}

/**
 * Builds a function's context from the engine's call and turns API and configuration errors into
 * failed activities with messages that say what went wrong and what to check.
 */
export function withContext<R>(
  fn: (args: Record<string, unknown>, context: K8sContext) => Promise<R>,
): (args: Record<string, unknown>, call: ModuleCallContext) => Promise<R> {
  return async (args, call) => {
    try {
      const context: K8sContext = {
        client: clientFor(call),
        signal: call.signal,
        log: call.log,
        guardrails: readGuardrails(call.configuration, call.env),
        call,
      }
      return await fn(args, context)
    } catch (error) {
      if (error instanceof ActivityFailedError) throw error
      if (
        error instanceof KubernetesApiError ||
        error instanceof KubernetesConfigError ||
        error instanceof KubernetesUnreachableError
      ) {
        throw new ActivityFailedError(error.message, { cause: error })
      }
      throw error
    }
  }
}

/** Reads a string argument, failing clearly when it has the wrong type. */
export function str(args: Record<string, unknown>, name: string): string | undefined {
  const value = args[name]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string')
    throw new ActivityFailedError(`argument '${name}' must be a string, got ${JSON.stringify(value)}`)
  return value
}

export function requiredStr(args: Record<string, unknown>, name: string): string {
  const value = str(args, name)
  if (value === undefined || value === '') throw new ActivityFailedError(`argument '${name}' is required`)
  return value
}

export function num(args: Record<string, unknown>, name: string): number | undefined {
  const value = args[name]
  if (value === undefined || value === null) return undefined
  const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof parsed !== 'number' || !Number.isFinite(parsed)) {
    throw new ActivityFailedError(`argument '${name}' must be a number, got ${JSON.stringify(value)}`)
  }
  return parsed
}

/**
 * A duration argument in seconds: a finite number, 0 or more (any length works: the waits use
 * chained timers). A negative one would end the wait at once, so it is refused.
 */
export function seconds(args: Record<string, unknown>, name: string): number | undefined {
  const value = num(args, name)
  if (value !== undefined && value < 0)
    throw new ActivityFailedError(`argument '${name}' must be a number of seconds, 0 or more, got ${value}`)
  return value
}

export function bool(args: Record<string, unknown>, name: string, fallback: boolean): boolean {
  const value = args[name]
  if (value === undefined || value === null) return fallback
  if (typeof value === 'boolean') return value
  if (typeof value === 'string') return !['false', '0', 'no', 'off', ''].includes(value.trim().toLowerCase())
  return Boolean(value)
}

/** The namespace argument (`ns`, default "default"). */
export function namespace(args: Record<string, unknown>): string {
  return str(args, 'ns') ?? 'default'
}
