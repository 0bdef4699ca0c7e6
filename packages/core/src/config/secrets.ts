import type { Environment, ResolutionProblem } from './configuration.ts'
import { resolveEnvEntry } from './configuration.ts'
import type { Overrides } from './overrides.ts'

export interface ResolvedSecrets {
  /** scope → key → value */
  values: Record<string, Record<string, unknown>>
  problems: ResolutionProblem[]
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * Resolves the `secrets` block: `{scope: {key: value | {"type": "env", "key": K}}}`; nested
 * mappings recurse. `overrides` (from var files) replace whole scopes, as in the reference.
 * Vault secrets are not supported and are reported as a problem naming the key.
 */
export function resolveSecrets(
  declared: unknown,
  env: Environment,
  overrides: Record<string, Record<string, unknown>> = {},
): ResolvedSecrets {
  const result: ResolvedSecrets = { values: {}, problems: [] }
  const scopes: Record<string, unknown> = { ...(isRecord(declared) ? declared : {}), ...overrides }
  if (declared !== undefined && declared !== null && !isRecord(declared)) {
    result.problems.push({ path: 'secrets', message: 'secrets must be a mapping of scopes to mappings' })
  }
  for (const [scope, entries] of Object.entries(scopes)) {
    const path = `secrets.${scope}`
    if (!isRecord(entries)) {
      result.problems.push({ path, message: 'a secret scope must be a mapping of names to values' })
      continue
    }
    result.values[scope] = resolveScope(entries, env, path, result.problems)
  }
  return result
}

function resolveScope(
  entries: Record<string, unknown>,
  env: Environment,
  path: string,
  problems: ResolutionProblem[],
): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const [key, entry] of Object.entries(entries)) {
    const entryPath = `${path}.${key}`
    if (!isRecord(entry)) {
      values[key] = entry
    } else if (entry.type === 'env') {
      const resolved = resolveEnvEntry(entry, env, entryPath, 'Secrets')
      if ('problem' in resolved) problems.push(resolved.problem)
      else values[key] = resolved.value
    } else if (entry.type === 'vault') {
      problems.push({
        path: entryPath,
        message:
          'Vault secrets are not supported by steadystate yet; pass the value through an environment variable ({"type": "env", "key": "..."}) instead',
      })
    } else {
      values[key] = resolveScope(entry, env, entryPath, problems)
    }
  }
  return values
}

/** Every scalar secret value, for redaction. Nested values are flattened. */
export function secretValues(secrets: Record<string, Record<string, unknown>>): string[] {
  const out: string[] = []
  const visit = (value: unknown): void => {
    if (typeof value === 'string') out.push(value)
    else if (typeof value === 'number' || typeof value === 'bigint') out.push(String(value))
    else if (Array.isArray(value)) value.forEach(visit)
    else if (isRecord(value)) Object.values(value).forEach(visit)
  }
  Object.values(secrets).forEach(visit)
  return out
}

/**
 * Every value a run must keep out of its logs, journal and reports: the experiment's resolved
 * secrets, and the values of its `.env` var files. The engine, the CLI and the CI adapters all
 * mask exactly this list.
 */
export function knownSecretValues(
  secrets: Record<string, Record<string, unknown>>,
  overrides: Pick<Overrides, 'sensitive'>,
): string[] {
  return [...new Set([...secretValues(secrets), ...overrides.sensitive])]
}
