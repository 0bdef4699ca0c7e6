import { isRecord, record } from './read.ts'

/** What replaces a secret value in the report, as in steadystate journals. */
export const REDACTED = '***'

/** Shorter values would mangle ordinary words if masked; they are counted instead. */
const MIN_MASKED_LENGTH = 3

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

/** Masks known secret values in every string of a JSON tree, keys included, counting them. */
export class Redactor {
  private readonly secrets: string[]
  readonly unmaskable: number
  count = 0

  constructor(values: Iterable<string>) {
    const unique = new Set(values)
    this.secrets = [...unique]
      .filter((v) => v.length >= MIN_MASKED_LENGTH)
      .sort((a, b) => b.length - a.length)
    this.unmaskable = [...unique].filter((v) => v.length < MIN_MASKED_LENGTH).length
  }

  text(value: string): string {
    let out = value
    for (const secret of this.secrets) {
      if (!out.includes(secret)) continue
      const parts = out.split(secret)
      this.count += parts.length - 1
      out = parts.join(REDACTED)
    }
    return out
  }

  deep(value: unknown): unknown {
    if (this.secrets.length === 0) return value
    if (typeof value === 'string') return this.text(value)
    if (Array.isArray(value)) return value.map((item) => this.deep(item))
    if (isRecord(value)) {
      const out: Record<string, unknown> = {}
      for (const [key, child] of Object.entries(value)) out[this.text(key)] = this.deep(child)
      return out
    }
    return value
  }
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
