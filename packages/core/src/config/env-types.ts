import { nestingProblem } from '../experiment/nesting.ts'

/** The `env_var_type` conversions the reference applies to environment configuration values. */
export type EnvVarType = 'str' | 'string' | 'int' | 'integer' | 'float' | 'number' | 'bytes' | 'bool' | 'json'
export const ENV_VAR_TYPES: readonly EnvVarType[] = [
  'str',
  'string',
  'int',
  'integer',
  'float',
  'number',
  'bytes',
  'bool',
  'json',
]

export function isEnvVarType(value: unknown): value is EnvVarType {
  return typeof value === 'string' && (ENV_VAR_TYPES as readonly string[]).includes(value)
}

export type Conversion = { ok: true; value: unknown } | { ok: false; error: string }

const PY_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/
const PY_FLOAT = /^\s*[+-]?(?:(?:\d+(?:_\d+)*)?\.?\d+(?:_\d+)*(?:[eE][+-]?\d+)?|\d+\.|inf(?:inity)?|nan)\s*$/i

/** Converts `value` like Python's `int()`, `float()`, … would; failures name the expected type. */
export function convertEnvValue(value: unknown, type: EnvVarType): Conversion {
  switch (type) {
    case 'str':
    case 'string':
    case 'bytes':
      return { ok: true, value: typeof value === 'string' ? value : String(value) }
    case 'int':
    case 'integer': {
      if (typeof value === 'number' && Number.isInteger(value)) return { ok: true, value }
      if (typeof value === 'string' && PY_INT.test(value))
        return { ok: true, value: Number(value.replaceAll('_', '')) }
      return { ok: false, error: `${JSON.stringify(value)} is not an integer` }
    }
    case 'float':
    case 'number': {
      if (typeof value === 'number') return { ok: true, value }
      if (typeof value === 'string' && PY_FLOAT.test(value)) return { ok: true, value: parsePyFloat(value) }
      return { ok: false, error: `${JSON.stringify(value)} is not a number` }
    }
    case 'bool': {
      if (typeof value === 'boolean') return { ok: true, value }
      return { ok: true, value: !['false', '0', 'no'].includes(String(value).toLowerCase()) }
    }
    case 'json': {
      if (typeof value !== 'string') return { ok: true, value }
      try {
        const parsed = JSON.parse(value) as unknown
        const tooDeep = nestingProblem(parsed, 'the JSON value')
        return tooDeep === undefined ? { ok: true, value: parsed } : { ok: false, error: tooDeep }
      } catch (error) {
        return { ok: false, error: `not valid JSON (${(error as Error).message})` }
      }
    }
  }
}

function parsePyFloat(text: string): number {
  const clean = text.trim().replaceAll('_', '').toLowerCase()
  if (/^[+-]?inf(inity)?$/.test(clean)) return clean.startsWith('-') ? -Infinity : Infinity
  if (/^[+-]?nan$/.test(clean)) return Number.NaN
  return Number(clean)
}
