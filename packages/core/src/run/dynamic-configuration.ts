import { errorMessage } from '../errors.ts'
import { substituteProvider } from './execute-activity.ts'
import { deferTo, type RunState } from './run-state.ts'

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * Configuration entries of `{"type": "probe"}` run once secrets are known: python → its return value,
 * process → stripped stdout when it exits 0, http → the body. As in the reference, a failure drops
 * the key (with a warning here, so it is not silent).
 */
export async function resolveDynamicConfiguration(
  state: RunState,
  dynamic: Record<string, Record<string, unknown>>,
  warn: (message: string) => void,
): Promise<void> {
  for (const [key, entry] of Object.entries(dynamic)) {
    const provider = isRecord(entry.provider) ? entry.provider : {}
    const implementation = typeof provider.type === 'string' ? state.registry.get(provider.type) : undefined
    if (implementation === undefined) {
      warn(`configuration.${key}: dynamic value has no known provider; the key is left out`)
      continue
    }
    try {
      const output = await implementation.run(substituteProvider(provider, state), {
        activityName: typeof entry.name === 'string' ? entry.name : key,
        activityType: 'probe',
        configuration: state.scope.configuration,
        secrets: state.scope.secrets,
        env: state.env,
        cwd: state.cwd,
        signal: state.interrupt,
        log: { info: () => undefined, warn },
        measure: () => undefined,
        defer: deferTo(state),
      })
      const value = dynamicValue(provider.type, output)
      if (value === undefined) warn(`configuration.${key}: the process did not exit 0; the key is left out`)
      else state.scope.configuration[key] = value
    } catch (error) {
      warn(
        `configuration.${key}: dynamic value could not be resolved (${errorMessage(error)}); the key is left out`,
      )
    }
  }
}

function dynamicValue(type: unknown, output: unknown): unknown {
  if (type === 'process' && isRecord(output)) {
    return output.status === 0 && typeof output.stdout === 'string' ? output.stdout.trim() : undefined
  }
  if (type === 'http' && isRecord(output)) return output.body
  return output
}
