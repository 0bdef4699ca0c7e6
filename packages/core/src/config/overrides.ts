import { readFile } from 'node:fs/promises'
import { SteadystateError } from '../errors.ts'
import { detectFormat, parseText } from '../experiment/parse-text.ts'
import { convertEnvValue, isEnvVarType } from './env-types.ts'

/** Values from `--var` and `--var-file`, merged with the reference's precedence. */
export interface Overrides {
  configuration: Record<string, unknown>
  /** Whole secret scopes, each replacing the experiment's scope of the same name. */
  secrets: Record<string, Record<string, unknown>>
  /** Variables from `.env` var files, added to the environment. */
  env: Record<string, string>
  /**
   * Values that are secrets whatever the experiment declares: every value of a `.env` var file.
   * Such files carry credentials (the Octopus step's Sensitive "Secrets" field arrives as one), and
   * an experiment may read them through `{"type": "env"}` configuration as well as secrets.
   */
  sensitive: string[]
}

export function emptyOverrides(): Overrides {
  return { configuration: {}, secrets: {}, env: {}, sensitive: [] }
}

function usage(message: string): SteadystateError {
  return new SteadystateError('USAGE', message)
}

/** Parses one `--var name[:type]=value`. */
export function parseVar(spec: string): [string, unknown] {
  const equals = spec.indexOf('=')
  if (equals <= 0) throw usage(`--var ${JSON.stringify(spec)}: expected name=value or name:type=value`)
  let name = spec.slice(0, equals)
  const raw = spec.slice(equals + 1)
  const colon = name.lastIndexOf(':')
  if (colon < 0) return [name, raw]
  const type = name.slice(colon + 1)
  name = name.slice(0, colon)
  if (!isEnvVarType(type)) {
    throw usage(`--var ${name}:${type}: unknown type '${type}' (use str, int, float, bytes, bool or json)`)
  }
  const converted = convertEnvValue(raw, type)
  if (!converted.ok) throw usage(`--var ${name}:${type}: ${converted.error}`)
  return [name, converted.value]
}

/**
 * Loads `--var-file`s (JSON/YAML `{configuration, secrets}` or `.env`) and then `--var`s;
 * later files beat earlier ones, and `--var` beats every file.
 */
export async function loadOverrides(
  varFiles: readonly string[],
  vars: readonly string[],
): Promise<Overrides> {
  const result = emptyOverrides()
  for (const file of varFiles) await mergeVarFile(file, result)
  for (const spec of vars) {
    const [name, value] = parseVar(spec)
    result.configuration[name] = value
  }
  return result
}

async function mergeVarFile(file: string, into: Overrides): Promise<void> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw usage(
      `--var-file ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    )
  }
  if (file.endsWith('.env')) {
    const values = parseDotEnv(text, file)
    Object.assign(into.env, values)
    into.sensitive.push(...Object.values(values))
    return
  }
  const parsed = await parseText(text, detectFormat(file, text))
  if (!parsed.ok) throw usage(`--var-file ${file}: ${parsed.error}`)
  const value = parsed.value
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw usage(`--var-file ${file}: expected a mapping with "configuration" and/or "secrets"`)
  }
  const { configuration, secrets } = value as Record<string, unknown>
  if (configuration !== undefined) {
    if (!isRecord(configuration)) throw usage(`--var-file ${file}: "configuration" must be a mapping`)
    Object.assign(into.configuration, configuration)
  }
  if (secrets !== undefined) {
    if (!isRecord(secrets)) throw usage(`--var-file ${file}: "secrets" must be a mapping of scopes`)
    for (const [scope, entries] of Object.entries(secrets)) {
      if (!isRecord(entries)) throw usage(`--var-file ${file}: secrets.${scope} must be a mapping`)
      into.secrets[scope] = entries
    }
  }
}

/** `KEY=VALUE` lines; `#` comments, `export ` prefixes and surrounding quotes are allowed. */
export function parseDotEnv(text: string, file = '.env'): Record<string, string> {
  const out: Record<string, string> = {}
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) return
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(trimmed)
    if (match?.[1] === undefined) throw usage(`--var-file ${file}: line ${index + 1} is not KEY=VALUE`)
    let value = match[2] ?? ''
    const quote = value[0]
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2)
      value = value.slice(1, -1)
    else value = value.replace(/\s+#.*$/, '')
    out[match[1]] = value
  })
  return out
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
