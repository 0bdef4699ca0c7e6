import {
  isJsonObject,
  isMalformed,
  type JsonObject,
  type JsonValue,
  type PythonProvider,
} from '@steadystate/model'
import { ActivityFailedError, type ValidationIssue, errorMessage } from '../errors.ts'
import type { SecretValues } from '../config/secrets.ts'
import type { ArgumentSpec, ModuleArguments, ModuleDefinition, ModuleRegistry } from './modules.ts'
import type { PythonTarget } from './python-bridge/provider.ts'
import type { ProviderContext, ValidationContext } from './types.ts'

/** A native module's function against the provider's arguments (the reference's binding rules). */
export function validateNative(
  definition: ModuleDefinition,
  func: string,
  given: JsonObject,
  path: string,
  context: ValidationContext,
): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const error = (at: string, message: string): void => {
    issues.push({ path: at, message, severity: 'error' })
  }
  const spec = definition.functions.find((candidate) => candidate.name === func)
  if (spec === undefined) {
    error(
      `${path}.func`,
      `The python module '${definition.module}' does not expose a function called '${func}' in ${context.activityType} '${context.activityName}' ` +
        `(it has: ${definition.functions.map((f) => f.name).join(', ')})`,
    )
    return issues
  }
  for (const argument of spec.arguments) {
    if (argument.required && !Object.hasOwn(given, argument.name)) {
      error(`${path}.arguments`, `required argument '${argument.name}' is missing from activity '${func}'`)
    }
  }
  for (const [name, value] of Object.entries(given)) {
    const argument = spec.arguments.find((candidate) => candidate.name === name)
    if (argument === undefined) {
      error(
        `${path}.arguments.${name}`,
        `argument '${name}' is not part of the function signature in activity '${func}' ` +
          `(it takes: ${spec.arguments.map((a) => a.name).join(', ') || 'no arguments'})`,
      )
    } else if (!matchesType(argument, value)) {
      issues.push({
        path: `${path}.arguments.${name}`,
        message: `argument '${name}' of '${func}' expects ${argument.type}, got ${JSON.stringify(value)}`,
        severity: 'warning',
      })
    }
  }
  return issues
}

/** Runs a native module's function with its defaults, the arguments and the listed secret scopes. */
export async function runNative(
  registry: ModuleRegistry,
  target: PythonTarget,
  declaredScopes: PythonProvider['secrets'],
  context: ProviderContext,
): Promise<JsonValue> {
  const { module, func } = target
  const definition = registry.get(module)
  const spec = definition?.functions.find((candidate) => candidate.name === func)
  const pending = registry.implementation(module)
  if (definition === undefined || spec === undefined || pending === undefined) {
    throw new ActivityFailedError(
      `could not find Python function '${module}.${func}' in steadystate's modules`,
    )
  }
  const implementation = (await pending).functions[func]
  if (implementation === undefined) throw new ActivityFailedError(`'${module}' does not implement '${func}'`)
  const args: ModuleArguments = {}
  for (const argument of spec.arguments) {
    if (argument.default !== undefined) args[argument.name] = argument.default
  }
  Object.assign(args, target.arguments)
  try {
    return await implementation(args, {
      ...context,
      scopedSecrets: scopedSecrets(declaredScopes, context.secrets),
    })
  } catch (error) {
    if (error instanceof ActivityFailedError) throw error
    const name = error instanceof Error ? error.name : 'Error'
    const message = errorMessage(error)
    throw new ActivityFailedError(`${name}: ${message}`, { cause: error })
  }
}

/**
 * The scope names a python provider lists: undefined when it lists none (or its `secrets` is not a
 * list); the names among the items of a list that holds other things too.
 */
export function declaredScopeNames(declared: PythonProvider['secrets']): string[] | undefined {
  if (declared === undefined || !isMalformed(declared)) return declared
  const value = declared.value
  return Array.isArray(value)
    ? value.filter((scope): scope is string => typeof scope === 'string')
    : undefined
}

/** The secrets of the listed scopes, merged flat (the `secrets=` a native function receives). */
function scopedSecrets(declared: PythonProvider['secrets'], secrets: SecretValues): JsonObject | undefined {
  const scopes = declaredScopeNames(declared)
  if (scopes === undefined) return undefined
  const merged: JsonObject = {}
  for (const scope of scopes) Object.assign(merged, secrets[scope] ?? {})
  return merged
}

function matchesType(argument: ArgumentSpec, value: JsonValue): boolean {
  if (typeof value === 'string' && value.includes('${')) return true
  if (value === null) return !argument.required
  switch (argument.type) {
    case 'any':
      return true
    case 'string':
      return typeof value === 'string'
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value)
    case 'number':
      return typeof value === 'number'
    case 'boolean':
      return typeof value === 'boolean'
    case 'array':
      return Array.isArray(value)
    case 'object':
      return isJsonObject(value)
  }
}
