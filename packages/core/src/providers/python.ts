import { ActivityFailedError, type ValidationIssue } from '../errors.ts'
import type { ArgumentSpec, ModuleRegistry } from './modules.ts'
import type { ProviderType } from './types.ts'

/**
 * The `python` provider: Chaos Toolkit experiments name a Python module and function; steadystate
 * resolves them through a registry of native TypeScript modules (the Kubernetes package registers
 * `chaosk8s.*`). Core knows no module itself.
 */
export function pythonProvider(registry: ModuleRegistry): ProviderType {
  return {
    type: 'python',

    validate(provider, path, context) {
      const issues: ValidationIssue[] = []
      const error = (at: string, message: string): void => {
        issues.push({ path: at, message, severity: 'error' })
      }
      const { module, func } = provider
      if (typeof module !== 'string' || module === '')
        error(`${path}.module`, 'a Python activity must have a module path')
      if (typeof func !== 'string' || func === '')
        error(`${path}.func`, 'a Python activity must have a function name')
      if (typeof module !== 'string' || typeof func !== 'string' || issues.length > 0)
        return Promise.resolve(issues)
      const definition = registry.get(module)
      if (definition === undefined) {
        const known = registry.names()
        error(
          `${path}.module`,
          `could not find Python module '${module}' in activity '${context.activityName}': ` +
            (known.length === 0
              ? 'steadystate implements no Python modules in this build'
              : `steadystate implements these modules natively: ${known.join(', ')}`),
        )
        return Promise.resolve(issues)
      }
      const spec = definition.functions.find((candidate) => candidate.name === func)
      if (spec === undefined) {
        error(
          `${path}.func`,
          `The python module '${module}' does not expose a function called '${func}' in ${context.activityType} '${context.activityName}' ` +
            `(it has: ${definition.functions.map((f) => f.name).join(', ')})`,
        )
        return Promise.resolve(issues)
      }
      const args = provider.arguments
      if (args !== undefined && (args === null || typeof args !== 'object' || Array.isArray(args))) {
        error(`${path}.arguments`, 'arguments must be a mapping of argument names to values')
        return Promise.resolve(issues)
      }
      const given = (args ?? {}) as Record<string, unknown>
      for (const argument of spec.arguments) {
        if (argument.required && !Object.hasOwn(given, argument.name)) {
          error(
            `${path}.arguments`,
            `required argument '${argument.name}' is missing from activity '${func}'`,
          )
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
      return Promise.resolve(issues)
    },

    async run(provider, context) {
      const module = String(provider.module)
      const func = String(provider.func)
      const definition = registry.get(module)
      const spec = definition?.functions.find((candidate) => candidate.name === func)
      const pending = registry.implementation(module)
      if (definition === undefined || spec === undefined || pending === undefined) {
        throw new ActivityFailedError(
          `could not find Python function '${module}.${func}' in steadystate's modules`,
        )
      }
      const implementation = (await pending).functions[func]
      if (implementation === undefined)
        throw new ActivityFailedError(`'${module}' does not implement '${func}'`)
      const args: Record<string, unknown> = {}
      for (const argument of spec.arguments) {
        if (argument.default !== undefined) args[argument.name] = argument.default
      }
      Object.assign(args, (provider.arguments ?? {}) as Record<string, unknown>)
      const scopes = Array.isArray(provider.secrets)
        ? provider.secrets.filter((s) => typeof s === 'string')
        : undefined
      const scopedSecrets =
        scopes === undefined
          ? undefined
          : (Object.assign({}, ...scopes.map((scope) => context.secrets[scope] ?? {})) as Record<
              string,
              unknown
            >)
      try {
        return await implementation(args, { ...context, scopedSecrets })
      } catch (error) {
        if (error instanceof ActivityFailedError) throw error
        const name = error instanceof Error ? error.name : 'Error'
        const message = error instanceof Error ? error.message : String(error)
        throw new ActivityFailedError(`${name}: ${message}`, { cause: error })
      }
    },

    describe(provider) {
      return `python: ${String(provider.module)}.${String(provider.func)}`
    },
  }
}

function matchesType(argument: ArgumentSpec, value: unknown): boolean {
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
      return typeof value === 'object' && !Array.isArray(value)
  }
}
