import { convertEnvValue, isEnvVarType } from './env-types.ts'

/** Environment variables as the adapter hands them over; core never reads `process.env` itself. */
export type Environment = Readonly<Record<string, string | undefined>>

/** A problem resolving configuration or secrets, with the JSON path of the declaration. */
export interface ResolutionProblem {
  path: string
  message: string
}

export interface ResolvedConfiguration {
  values: Record<string, unknown>
  /** Keys whose value comes from a dynamic `{"type": "probe"}` entry, resolved at run start. */
  dynamic: Record<string, Record<string, unknown>>
  problems: ResolutionProblem[]
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * Resolves the experiment's `configuration` block: inline values as they are, `{"type": "env"}`
 * from the environment (with `default` and `env_var_type`), overrides from `--var` for declared
 * keys only (as the reference does). Every problem is collected rather than thrown.
 */
export function resolveConfiguration(
  declared: unknown,
  env: Environment,
  overrides: Record<string, unknown> = {},
): ResolvedConfiguration {
  const result: ResolvedConfiguration = { values: {}, dynamic: {}, problems: [] }
  if (declared === undefined || declared === null) return result
  if (!isRecord(declared)) {
    result.problems.push({
      path: 'configuration',
      message: 'configuration must be a mapping of names to values',
    })
    return result
  }
  for (const [key, entry] of Object.entries(declared)) {
    const path = `configuration.${key}`
    if (Object.hasOwn(overrides, key)) {
      result.values[key] = overrides[key]
      continue
    }
    if (!isRecord(entry) || typeof entry.type !== 'string') {
      result.values[key] = entry
      continue
    }
    if (entry.type === 'env') {
      const resolved = resolveEnvEntry(entry, env, path, 'Configuration')
      if ('problem' in resolved) result.problems.push(resolved.problem)
      else result.values[key] = resolved.value
    } else if (entry.type === 'probe') {
      result.dynamic[key] = entry
    } else {
      result.values[key] = entry
    }
  }
  return result
}

/** Resolves one `{"type": "env", "key": K, "default"?, "env_var_type"?}` declaration. */
export function resolveEnvEntry(
  entry: Record<string, unknown>,
  env: Environment,
  path: string,
  what: 'Configuration' | 'Secrets',
): { value: unknown } | { problem: ResolutionProblem } {
  const key = entry.key
  if (typeof key !== 'string' || key === '') {
    return { problem: { path: `${path}.key`, message: 'an environment entry needs a non-empty "key"' } }
  }
  const fromEnv = env[key]
  let raw: unknown
  if (fromEnv !== undefined) raw = fromEnv
  else if (what === 'Configuration' && Object.hasOwn(entry, 'default')) raw = entry.default
  else {
    return {
      problem: {
        path,
        message: `${what} ${what === 'Secrets' ? 'make' : 'makes'} reference to an environment key that does not exist: ${key}`,
      },
    }
  }
  const type = entry.env_var_type
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
