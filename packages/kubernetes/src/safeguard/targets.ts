import type { ModuleFunctionSpec, SafeguardCall } from '@steadystate/core'
import type { JsonObject } from '@steadystate/model'
import { MODULES } from '../catalog/modules.ts'

/** How a call reaches its cluster: the environment and the secrets its provider lists. */
export interface Connection {
  secrets: JsonObject
  /** Calls with the same key use the same client (see `clientFor`). */
  key: string
}

/** A namespace the run changes things in, and the activities that do. */
export interface Target {
  /** Undefined for cluster-scoped actions (nodes, namespaces): the run's home namespace holds them. */
  namespace: string | undefined
  connection: Connection
  activities: string[]
}

const SPECS = new Map<string, ModuleFunctionSpec>(
  MODULES.flatMap(({ module, functions }) => functions.map((spec) => [`${module}.${spec.name}`, spec])),
)

/** The native Kubernetes function a call names, or undefined when it is not one of the driver's. */
export function kubernetesFunction(
  call: Pick<SafeguardCall, 'module' | 'func'>,
): ModuleFunctionSpec | undefined {
  return SPECS.get(`${call.module}.${call.func}`)
}

/**
 * Where a run changes things: the namespace of every Kubernetes action of its method and rollbacks
 * (its `ns` argument, or that argument's default, `default`), per connection. A cluster-scoped
 * action (cordon a node, delete a namespace) or one whose namespace defaults to none has no
 * namespace of its own: it counts as the run's home namespace (see `homeNamespace`). Probes and the
 * hypothesis change nothing, so they lock nothing.
 */
export function targetsOf(calls: readonly SafeguardCall[]): Target[] {
  const targets = new Map<string, Target>()
  for (const call of calls) {
    if (call.phase === 'hypothesis') continue
    const spec = kubernetesFunction(call)
    if (spec?.kind !== 'action') continue
    const namespace = namespaceOf(call, spec)
    const connection = { secrets: call.secrets, key: JSON.stringify(call.secrets) }
    const key = JSON.stringify([connection.key, namespace ?? null])
    const target = targets.get(key) ?? { namespace, connection, activities: [] }
    if (!target.activities.includes(call.activity)) target.activities.push(call.activity)
    targets.set(key, target)
  }
  return [...targets.values()]
}

function namespaceOf(call: SafeguardCall, spec: ModuleFunctionSpec): string | undefined {
  const argument = spec.arguments.find((candidate) => candidate.name === 'ns')
  if (argument === undefined) return undefined
  const value = call.arguments.ns
  if (typeof value === 'string' && value !== '') return value
  return typeof argument.default === 'string' && argument.default !== '' ? argument.default : undefined
}
