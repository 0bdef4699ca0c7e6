import { REDACTED } from '@steadystate/core'
import { isRecord, record } from './read.ts'

export { REDACTED }

export interface SecretSources {
  /** Extra values to mask (e.g. from `--var-file` secrets). */
  values?: readonly string[]
  /** Environment at report time: env-sourced secrets that are set here get masked too. */
  env?: Readonly<Record<string, string | undefined>>
}

/**
 * The values of an experiment's `secrets` block that the report can know: inline literals, and
 * `{type: env}` secrets whose variable is set now (Chaos Toolkit journals may echo either in
 * outputs or titles). Vault secrets are never known here.
 */
export function collectSecretValues(experiment: unknown, sources: SecretSources = {}): string[] {
  const values = [...(sources.values ?? [])]
  const visit = (value: unknown): void => {
    if (typeof value === 'string') values.push(value)
    else if (typeof value === 'number' || typeof value === 'boolean') values.push(String(value))
    else if (isRecord(value)) {
      if (value.type === 'env' && typeof value.key === 'string') {
        const fromEnv = sources.env?.[value.key]
        if (fromEnv !== undefined) values.push(fromEnv)
      } else if (value.type !== 'vault') {
        for (const child of Object.values(value)) visit(child)
      }
    }
  }
  for (const scope of Object.values(record(record(experiment).secrets))) visit(scope)
  return values.filter((value) => value.length > 0)
}

/** `scope.key` for every secret declared, so the report can say what exists without its value. */
export function secretNames(experiment: unknown): string[] {
  const names: string[] = []
  for (const [scope, keys] of Object.entries(record(record(experiment).secrets))) {
    for (const key of Object.keys(record(keys))) names.push(`${scope}.${key}`)
  }
  return names
}

/** The experiment's `secrets` block with every value replaced, so nothing downstream can print one. */
export function stripSecretValues(experiment: Record<string, unknown>): Record<string, unknown> {
  if (!('secrets' in experiment)) return experiment
  const scopes: Record<string, Record<string, string>> = {}
  for (const [scope, keys] of Object.entries(record(experiment.secrets))) {
    scopes[scope] = Object.fromEntries(Object.keys(record(keys)).map((key) => [key, REDACTED]))
  }
  return { ...experiment, secrets: scopes }
}
