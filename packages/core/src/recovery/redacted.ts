import { resolveConfiguration, type Environment } from '../config/configuration.ts'
import type { Overrides } from '../config/overrides.ts'
import { resolveSecrets } from '../config/secrets.ts'
import { lookup, type SubstitutionScope } from '../config/substitution.ts'
import { REDACTED } from '../journal/redact.ts'
import { buildRefIndex } from '../run/refs.ts'
import type { PendingRollback } from './plan.ts'

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

const REFERENCE = /\$\{([_A-Za-z][_A-Za-z0-9]*)\}|\$([_A-Za-z][_A-Za-z0-9]*)/g

/**
 * The values the journal redacted (`***`) that these rollbacks would use, once configuration and
 * secrets are resolved as `run` resolves them (`--var`, `--var-file`, the environment): a secret
 * written inline in the experiment, a configuration value equal to a secret, or the rollback's own
 * text. Empty when the journal's experiment is enough to play them.
 */
export function redactedValuesNeeded(
  experiment: Record<string, unknown>,
  rollbacks: readonly PendingRollback[],
  env: Environment,
  overrides: Overrides,
): string[] {
  const scope: SubstitutionScope = {
    configuration: resolveConfiguration(experiment.configuration, env, overrides.configuration).values,
    secrets: resolveSecrets(experiment.secrets, env, overrides.secrets).values,
  }
  const refs = buildRefIndex(experiment)
  const needed = new Set<string>()
  for (const { entry, name } of rollbacks) {
    const activity = isRecord(entry) && typeof entry.ref === 'string' ? refs.get(entry.ref) : entry
    if (!isRecord(activity)) continue
    const text = JSON.stringify(activity)
    if (text.includes(REDACTED)) needed.add(`the text of rollback '${name}'`)
    for (const match of text.matchAll(REFERENCE)) {
      const key = match[1] ?? match[2] ?? ''
      const hit = lookup(scope, key)
      if (hit.found && redacted(hit.value)) needed.add(whereIs(scope, key))
    }
    const provider = activity.provider
    const scopes: unknown[] = isRecord(provider) && Array.isArray(provider.secrets) ? provider.secrets : []
    for (const name of scopes) {
      const values = typeof name === 'string' ? scope.secrets[name] : undefined
      for (const [key, value] of Object.entries(values ?? {}))
        if (redacted(value)) needed.add(`secrets.${String(name)}.${key}`)
    }
  }
  return [...needed]
}

function redacted(value: unknown): boolean {
  return (JSON.stringify(value) ?? '').includes(REDACTED)
}

function whereIs(scope: SubstitutionScope, key: string): string {
  if (Object.hasOwn(scope.configuration, key)) return `configuration.${key}`
  const secretScope = Object.entries(scope.secrets).find(([, values]) => Object.hasOwn(values, key))
  return secretScope === undefined ? key : `secrets.${secretScope[0]}.${key}`
}
