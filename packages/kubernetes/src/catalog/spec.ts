import type { ArgumentSpec, ArgumentType, ModuleFunctionSpec } from '@steadystate/core'
import type { JsonValue } from '@steadystate/model'

/** An optional argument with its default, as the reference's Python signature declares it. */
export function opt(
  name: string,
  type: ArgumentType,
  fallback: JsonValue,
  description?: string,
): ArgumentSpec {
  return {
    name,
    type,
    required: false,
    default: fallback,
    ...(description === undefined ? {} : { description }),
  }
}

/** A required argument. */
export function req(name: string, type: ArgumentType, description?: string): ArgumentSpec {
  return { name, type, required: true, ...(description === undefined ? {} : { description }) }
}

/** The namespace argument every namespaced function takes (`ns="default"`). */
export const NS = opt('ns', 'string', 'default', 'namespace')

export function probe(name: string, description: string, args: ArgumentSpec[]): ModuleFunctionSpec {
  return { name, kind: 'probe', description, arguments: args }
}

export function action(name: string, description: string, args: ArgumentSpec[]): ModuleFunctionSpec {
  return { name, kind: 'action', description, arguments: args }
}
