import {
  isJsonObject,
  malformed,
  type ConfigurationEntry,
  type EnvEntry,
  type JsonObject,
  type JsonValue,
  type Malformed,
  type SecretEntry,
  type SecretScope,
} from '@steadystate/model'
import { providerOf } from './normalize-provider.ts'

/**
 * `configuration`: names to entries. A mapping with a string `type` is an entry of that type (`env`,
 * `probe`); any other value, a mapping of another `type` included, is a value as written.
 */
export function normalizeConfiguration(
  value: JsonValue | undefined,
): ReadonlyMap<string, ConfigurationEntry> | Malformed | undefined {
  if (value === undefined || value === null) return undefined
  if (!isJsonObject(value)) return malformed(value)
  const entries = new Map<string, ConfigurationEntry>()
  for (const [key, entry] of Object.entries(value)) entries.set(key, configurationEntry(entry))
  return entries
}

function configurationEntry(entry: JsonValue): ConfigurationEntry {
  if (!isJsonObject(entry) || typeof entry.type !== 'string') return { kind: 'value', value: entry }
  switch (entry.type) {
    case 'env':
      return envEntry(entry)
    case 'probe':
      return {
        kind: 'probe',
        name: typeof entry.name === 'string' ? entry.name : undefined,
        provider: providerOf(entry.provider),
      }
    default:
      return { kind: 'value', value: entry }
  }
}

/**
 * `secrets`: scopes of entries. Also for the scopes of var files (`--var-file`), which replace the
 * experiment's scopes of the same name and are resolved the same way.
 */
export function normalizeSecrets(
  value: JsonValue | undefined,
): ReadonlyMap<string, SecretScope | Malformed> | Malformed | undefined {
  if (value === undefined || value === null) return undefined
  if (!isJsonObject(value)) return malformed(value)
  const scopes = new Map<string, SecretScope | Malformed>()
  for (const [name, scope] of Object.entries(value))
    scopes.set(name, isJsonObject(scope) ? secretScope(scope) : malformed(scope))
  return scopes
}

function secretScope(scope: JsonObject): SecretScope {
  const entries = new Map<string, SecretEntry>()
  for (const [key, entry] of Object.entries(scope)) entries.set(key, secretEntry(entry))
  return entries
}

function secretEntry(entry: JsonValue): SecretEntry {
  if (!isJsonObject(entry)) return { kind: 'value', value: entry }
  if (entry.type === 'env') return envEntry(entry)
  if (entry.type === 'vault') return { kind: 'vault' }
  return { kind: 'nested', entries: secretScope(entry) }
}

function envEntry(entry: JsonObject): EnvEntry {
  const key = entry.key
  return {
    kind: 'env',
    key: typeof key === 'string' && key !== '' ? key : malformed(key),
    fallback: Object.hasOwn(entry, 'default') ? { value: entry.default ?? null } : undefined,
    envVarType: entry.env_var_type,
  }
}
