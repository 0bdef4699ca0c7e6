import { isMalformed, type JsonObject, type PythonProvider } from '@steadystate/model'
import { ActivityFailedError, type ValidationIssue } from '../errors.ts'
import type { ModuleRegistry } from './modules.ts'
import type { PythonBridge } from './python-bridge/bridge.ts'
import { runBridged, validateBridged } from './python-bridge/provider.ts'
import { runNative, validateNative } from './python-native.ts'
import { valueText } from '../text/value-text.ts'
import type { ProviderType } from './types.ts'

/**
 * The `python` provider: Chaos Toolkit experiments name a Python module and function. A module
 * steadystate implements natively (the registry: `chaosk8s.*`, `chaosprometheus.*`) always runs
 * natively; any other runs in the Python worker of the bridge, as chaostoolkit-lib would run it.
 */
export function pythonProvider(registry: ModuleRegistry, bridge: PythonBridge): ProviderType<PythonProvider> {
  return {
    type: 'python',

    async validate(provider, path, context) {
      const issues: ValidationIssue[] = []
      const error = (at: string, message: string): void => {
        issues.push({ path: at, message, severity: 'error' })
      }
      const { module, func } = provider
      if (isMalformed(module) || module === '')
        error(`${path}.module`, 'a Python activity must have a module path')
      if (isMalformed(func) || func === '')
        error(`${path}.func`, 'a Python activity must have a function name')
      if (isMalformed(module) || isMalformed(func) || issues.length > 0) return issues
      const args = provider.arguments
      if (isMalformed(args)) {
        error(`${path}.arguments`, 'arguments must be a mapping of argument names to values')
        return issues
      }
      const given = args ?? {}
      const definition = registry.get(module)
      if (definition !== undefined) return validateNative(definition, func, given, path, context)
      return validateBridged(bridge, { module, func, arguments: given }, path, context)
    },

    async run(provider, context) {
      const module = nameOf(provider.module)
      const func = nameOf(provider.func)
      const args = argumentsOf(provider)
      if (registry.get(module) !== undefined)
        return await runNative(registry, { module, func, arguments: args }, provider.secrets, context)
      return await runBridged(bridge, { module, func, arguments: args }, provider.secrets, context)
    },

    describe(provider) {
      const module = nameOf(provider.module)
      const bridged = !isMalformed(provider.module) && registry.get(module) === undefined
      return `python: ${module}.${nameOf(provider.func)}${bridged ? ' (in Python)' : ''}`
    },

    close: () => bridge.close(),
  }
}

/** A module or function name as written (what a run without validation tries to import). */
function nameOf(name: PythonProvider['module']): string {
  return isMalformed(name) ? valueText(name.value) : name
}

/** The keyword arguments; the reference cannot call a function with arguments that are not a mapping. */
function argumentsOf(provider: PythonProvider): JsonObject {
  const args = provider.arguments
  if (isMalformed(args))
    throw new ActivityFailedError(
      `the arguments of '${nameOf(provider.module)}.${nameOf(provider.func)}' must be a mapping of argument names to values, not ${JSON.stringify(args.value)}`,
    )
  return args ?? {}
}
