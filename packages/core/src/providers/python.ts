import type { ValidationIssue } from '../errors.ts'
import type { ModuleRegistry } from './modules.ts'
import type { PythonBridge } from './python-bridge/bridge.ts'
import { runBridged, validateBridged } from './python-bridge/provider.ts'
import { runNative, validateNative } from './python-native.ts'
import type { ProviderType } from './types.ts'

/**
 * The `python` provider: Chaos Toolkit experiments name a Python module and function. A module
 * steadystate implements natively (the registry: `chaosk8s.*`, `chaosprometheus.*`) always runs
 * natively; any other runs in the Python worker of the bridge, as chaostoolkit-lib would run it.
 */
export function pythonProvider(registry: ModuleRegistry, bridge: PythonBridge): ProviderType {
  return {
    type: 'python',

    async validate(provider, path, context) {
      const issues: ValidationIssue[] = []
      const error = (at: string, message: string): void => {
        issues.push({ path: at, message, severity: 'error' })
      }
      const { module, func } = provider
      if (typeof module !== 'string' || module === '')
        error(`${path}.module`, 'a Python activity must have a module path')
      if (typeof func !== 'string' || func === '')
        error(`${path}.func`, 'a Python activity must have a function name')
      if (typeof module !== 'string' || typeof func !== 'string' || issues.length > 0) return issues
      const args = provider.arguments
      if (args !== undefined && (args === null || typeof args !== 'object' || Array.isArray(args))) {
        error(`${path}.arguments`, 'arguments must be a mapping of argument names to values')
        return issues
      }
      const given = (args ?? {}) as Record<string, unknown>
      const definition = registry.get(module)
      if (definition !== undefined) return validateNative(definition, func, given, path, context)
      return validateBridged(bridge, { module, func, arguments: given }, path, context)
    },

    run(provider, context) {
      const module = String(provider.module)
      const func = String(provider.func)
      if (registry.get(module) !== undefined) return runNative(registry, module, func, provider, context)
      const args = (provider.arguments ?? {}) as Record<string, unknown>
      return runBridged(bridge, { module, func, arguments: args }, provider.secrets, context)
    },

    describe(provider) {
      const bridged = typeof provider.module === 'string' && registry.get(provider.module) === undefined
      return `python: ${String(provider.module)}.${String(provider.func)}${bridged ? ' (in Python)' : ''}`
    },

    close: () => bridge.close(),
  }
}
