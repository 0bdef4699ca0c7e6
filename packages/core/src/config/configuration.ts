import {
  isMalformed,
  type ConfigurationEntry,
  type EnvEntry,
  type JsonObject,
  type JsonValue,
  type Malformed,
  type Provider,
} from '@steadystate/model'
import { convertEnvValue, isEnvVarType } from './env-types.ts'

/** Environment variables as the adapter hands them over; core never reads `process.env` itself. */
export type Environment = Readonly<Record<string, string | undefined>>

/** A problem resolving configuration or secrets, with the JSON path of the declaration. */
export interface ResolutionProblem {
  path: string
  message: string
}

/** A `{"type": "probe"}` configuration entry, resolved when the run starts (once secrets are known). */
export interface DynamicEntry {
  /** The name logs use: the entry's own `name`, else its key. */
  name: string
  provider: Provider | Malformed
}

export interface ResolvedConfiguration {
  values: JsonObject
  /** Keys whose value comes from a dynamic `{"type": "probe"}` entry, resolved at run start. */
  dynamic: Map<string, DynamicEntry>
  problems: ResolutionProblem[]
}

/**
 * Resolves the experiment's `configuration` block: inline values as they are, `{"type": "env"}`
 * from the environment (with `default` and `env_var_type`), overrides from `--var` for declared
 * keys only (as the reference does). Every problem is collected rather than thrown.
 */
export function resolveConfiguration(
  declared: ReadonlyMap<string, ConfigurationEntry> | Malformed | undefined,
  env: Environment,
  overrides: JsonObject = {},
): ResolvedConfiguration {
  const result: ResolvedConfiguration = { values: {}, dynamic: new Map(), problems: [] }
  if (declared === undefined) return result
  if (isMalformed(declared)) {
    result.problems.push({
      path: 'configuration',
      message: 'configuration must be a mapping of names to values',
    })
    return result
  }
  for (const [key, entry] of declared) {
    const path = `configuration.${key}`
    const override = overrides[key]
    if (override !== undefined && Object.hasOwn(overrides, key)) {
      result.values[key] = override
      continue
    }
    switch (entry.kind) {
      case 'value':
        result.values[key] = entry.value
        break
      case 'env': {
        const resolved = resolveEnvEntry(entry, env, path, 'Configuration')
        if ('problem' in resolved) result.problems.push(resolved.problem)
        else result.values[key] = resolved.value
        break
      }
      case 'probe':
        result.dynamic.set(key, { name: entry.name ?? key, provider: entry.provider })
        break
    }
  }
  return result
}

/** Resolves one `{"type": "env", "key": K, "default"?, "env_var_type"?}` declaration. */
export function resolveEnvEntry(
  entry: EnvEntry,
  env: Environment,
  path: string,
  what: 'Configuration' | 'Secrets',
): { value: JsonValue } | { problem: ResolutionProblem } {
  const key = entry.key
  if (isMalformed(key)) {
    return { problem: { path: `${path}.key`, message: 'an environment entry needs a non-empty "key"' } }
  }
  const fromEnv = env[key]
  let raw: JsonValue
  if (fromEnv !== undefined) raw = fromEnv
  else if (what === 'Configuration' && entry.fallback !== undefined) raw = entry.fallback.value
  else {
    return {
      problem: {
        path,
        message: `${what} ${what === 'Secrets' ? 'make' : 'makes'} reference to an environment key that does not exist: ${key}`,
      },
    }
  }
  const type = entry.envVarType
  if (type === undefined) return { value: raw }
  if (!isEnvVarType(type)) {
    return {
      problem: { path: `${path}.env_var_type`, message: `unsupported env_var_type ${JSON.stringify(type)}` },
    }
  }
  const converted = convertEnvValue(raw, type)
  if (!converted.ok) {
    return {
      problem: { path, message: `environment variable ${key}: ${converted.error} (env_var_type ${type})` },
    }
  }
  return { value: converted.value }
}
