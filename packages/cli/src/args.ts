import { parseArgs, type ParseArgsConfig } from 'node:util'
import { errorMessage, SteadystateError } from '@steadystate/core'

export type OptionSpec = NonNullable<ParseArgsConfig['options']>

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>
  positionals: string[]
}

/** node's parseArgs, with errors turned into usage errors that name the flag and the command. */
export function parseCommandArgs(command: string, args: string[], options: OptionSpec): ParsedArgs {
  try {
    const parsed = parseArgs({
      args,
      options: { help: { type: 'boolean', short: 'h' }, ...options },
      allowPositionals: true,
      strict: true,
    })
    return { values: parsed.values, positionals: parsed.positionals }
  } catch (error) {
    const message = errorMessage(error).replace(/\. To specify a positional argument.*$/s, '')
    throw new SteadystateError('USAGE', `steadystate ${command}: ${message}`, {
      hint: `see \`steadystate ${command} --help\``,
    })
  }
}

export function stringValue(values: ParsedArgs['values'], name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

export function listValue(values: ParsedArgs['values'], name: string): string[] {
  const value = values[name]
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : []
}

/** Checks a flag's value against its allowed set, naming both in the error. */
export function choice<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  /** Old spellings still accepted, left out of the message so nobody is taught them. */
  deprecated: readonly T[] = [],
): T | undefined {
  if (value === undefined) return undefined
  if ([...allowed, ...deprecated].includes(value as T)) return value as T
  throw new SteadystateError(
    'USAGE',
    `--${flag} ${JSON.stringify(value)} is not one of: ${allowed.join(', ')}`,
  )
}

export function positiveNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const parsed = Number(value)
  if (!Number.isFinite(parsed) || parsed <= 0) {
    throw new SteadystateError(
      'USAGE',
      `--${flag} ${JSON.stringify(value)} must be a positive number of seconds`,
    )
  }
  return parsed
}
