import { isJsonObject, isMalformed, type JsonValue, type Provider } from '@steadystate/model'
import type { DynamicEntry } from '../config/configuration.ts'
import { errorMessage } from '../errors.ts'
import { providerContext, substituteProvider } from './provider-call.ts'
import type { RunState } from './run-state.ts'

/**
 * Configuration entries of `{"type": "probe"}` run once secrets are known: python → its return value,
 * process → stripped stdout when it exits 0, http → the body. As in the reference, a failure drops
 * the key (with a warning here, so it is not silent).
 */
export async function resolveDynamicConfiguration(
  state: RunState,
  dynamic: ReadonlyMap<string, DynamicEntry>,
  warn: (message: string) => void,
): Promise<void> {
  for (const [key, entry] of dynamic) {
    const declared = entry.provider
    const bound = isMalformed(declared)
      ? undefined
      : state.registry.bind(substituteProvider(declared, state.scope))
    if (isMalformed(declared) || bound === undefined) {
      warn(`configuration.${key}: dynamic value has no known provider; the key is left out`)
      continue
    }
    try {
      const output = await bound.run(
        providerContext(state, { name: entry.name, type: 'probe', log: { info: () => undefined, warn } }),
      )
      const value = dynamicValue(declared, output)
      if (value === undefined) warn(`configuration.${key}: the process did not exit 0; the key is left out`)
      else state.scope.configuration[key] = value
    } catch (error) {
      warn(
        `configuration.${key}: dynamic value could not be resolved (${errorMessage(error)}); the key is left out`,
      )
    }
  }
}

function dynamicValue(provider: Provider, output: JsonValue): JsonValue | undefined {
  if (provider.kind === 'process' && isJsonObject(output)) {
    return output.status === 0 && typeof output.stdout === 'string' ? output.stdout.trim() : undefined
  }
  if (provider.kind === 'http' && isJsonObject(output)) return output.body
  return output
}
