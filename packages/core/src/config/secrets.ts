import {
  isJsonObject,
  isMalformed,
  type JsonObject,
  type JsonValue,
  type Malformed,
  type SecretScope,
} from '@steadystate/model'
import type { Environment, ResolutionProblem } from './configuration.ts'
import { resolveEnvEntry } from './configuration.ts'
import type { Overrides } from './overrides.ts'

/** Resolved secrets: scope → key → value. */
export type SecretValues = Record<string, JsonObject>

/** Every scope of the experiment's `secrets`, as normalised. */
export type DeclaredSecrets = ReadonlyMap<string, SecretScope | Malformed> | Malformed | undefined

export interface ResolvedSecrets {
  values: SecretValues
  problems: ResolutionProblem[]
}

/**
 * Resolves the `secrets` block: `{scope: {key: value | {"type": "env", "key": K}}}`; nested
 * mappings recurse. `overrides` (the scopes of var files, normalised the same way) replace whole
 * scopes, as in the reference. Vault secrets are not supported and are reported as a problem
 * naming the key.
 */
export function resolveSecrets(
  declared: DeclaredSecrets,
  env: Environment,
  overrides?: DeclaredSecrets,
): ResolvedSecrets {
  const result: ResolvedSecrets = { values: {}, problems: [] }
  if (isMalformed(declared))
    result.problems.push({ path: 'secrets', message: 'secrets must be a mapping of scopes to mappings' })
  const scopes = new Map([...scopesOf(declared), ...scopesOf(overrides)])
  for (const [scope, entries] of scopes) {
    const path = `secrets.${scope}`
    if (isMalformed(entries)) {
      result.problems.push({ path, message: 'a secret scope must be a mapping of names to values' })
      continue
    }
    result.values[scope] = resolveScope(entries, env, path, result.problems)
  }
  return result
}

function scopesOf(secrets: DeclaredSecrets): ReadonlyMap<string, SecretScope | Malformed> {
  return secrets === undefined || isMalformed(secrets) ? new Map() : secrets
}

function resolveScope(
  entries: SecretScope,
  env: Environment,
  path: string,
  problems: ResolutionProblem[],
): JsonObject {
  const values: JsonObject = {}
  for (const [key, entry] of entries) {
    const entryPath = `${path}.${key}`
    switch (entry.kind) {
      case 'value':
        values[key] = entry.value
        break
      case 'env': {
        const resolved = resolveEnvEntry(entry, env, entryPath, 'Secrets')
        if ('problem' in resolved) problems.push(resolved.problem)
        else values[key] = resolved.value
        break
      }
      case 'vault':
        problems.push({
          path: entryPath,
          message:
            'Vault secrets are not supported by steadystate yet; pass the value through an environment variable ({"type": "env", "key": "..."}) instead',
        })
        break
      case 'nested':
        values[key] = resolveScope(entry.entries, env, entryPath, problems)
        break
    }
  }
  return values
}

/** Every scalar secret value, for redaction. Nested values are flattened. */
export function secretValues(secrets: SecretValues): string[] {
  const out: string[] = []
  const visit = (value: JsonValue | undefined): void => {
    if (typeof value === 'string') out.push(value)
    else if (typeof value === 'number') out.push(String(value))
    else if (Array.isArray(value)) value.forEach(visit)
    else if (isJsonObject(value)) Object.values(value).forEach(visit)
  }
  Object.values(secrets).forEach(visit)
  return out
}

/**
 * Every value a run must keep out of its logs, journal and reports: the experiment's resolved
 * secrets, and the values of its `.env` var files. The engine, the CLI and the CI adapters all
 * mask exactly this list.
 */
export function knownSecretValues(secrets: SecretValues, overrides: Pick<Overrides, 'sensitive'>): string[] {
  return [...new Set([...secretValues(secrets), ...overrides.sensitive])]
}
