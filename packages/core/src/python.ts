/**
 * Python value semantics the reference relies on (`==`, `<=`, `in`, `str()`, truthiness), applied
 * to JSON values. Chaos Toolkit experiments were written against these rules, so tolerances and
 * process arguments must behave the same here.
 */
import { SteadystateError } from './errors.ts'

/** Python's `a == b` for JSON-shaped values (`True == 1`, `1 == 1.0`, deep list/dict equality). */
export function pyEquals(a: unknown, b: unknown): boolean {
  const na = pyNumber(a)
  const nb = pyNumber(b)
  if (na !== undefined && nb !== undefined) return na === nb
  if (na !== undefined || nb !== undefined) return false
  if (typeof a === 'string' || typeof b === 'string') return a === b
  if (a === null || a === undefined || b === null || b === undefined) return a == null && b == null
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((item, index) => pyEquals(item, b[index]))
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    if (ka.length !== kb.length) return false
    return ka.every(
      (key) =>
        Object.hasOwn(b, key) &&
        pyEquals((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  }
  return false
}

/** Numbers and booleans are numbers to Python comparisons (`bool` subclasses `int`). */
export function pyNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  if (typeof value === 'boolean') return value ? 1 : 0
  return undefined
}

/** Raised where Python raises `TypeError` for an ordering between unorderable types. */
export class PyTypeError extends SteadystateError {
  constructor(message: string) {
    super('TOLERANCE_UNJUDGEABLE', message)
    this.name = 'TypeError'
  }
}

/** Python's three-way ordering (`<`, `<=`) for JSON values; throws `PyTypeError` like Python does. */
export function pyCompare(a: unknown, b: unknown): number {
  const na = pyNumber(a)
  const nb = pyNumber(b)
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : 0
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b)
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let index = 0; index < Math.min(a.length, b.length); index++) {
      if (pyEquals(a[index], b[index])) continue
      return pyCompare(a[index], b[index])
    }
    return a.length - b.length
  }
  throw new PyTypeError(`'<=' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`)
}

function compareCodePoints(a: string, b: string): number {
  const ca = Array.from(a)
  const cb = Array.from(b)
  for (let index = 0; index < Math.min(ca.length, cb.length); index++) {
    const x = ca[index]?.codePointAt(0) ?? 0
    const y = cb[index]?.codePointAt(0) ?? 0
    if (x !== y) return x - y
  }
  return ca.length - cb.length
}

/** The Python type name of a JSON value, for error messages (`int`, `str`, `dict`, …). */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float'
  if (typeof value === 'string') return 'str'
  if (Array.isArray(value)) return 'list'
  return 'dict'
}

/** Python truthiness (`bool(value)`). */
export function pyTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false
  if (Array.isArray(value)) return value.length > 0
  if (typeof value === 'object') return Object.keys(value).length > 0
  return true
}

/** Python's `str(value)`, as the process provider applies it to list arguments. */
export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === null || value === undefined) return 'None'
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (typeof value === 'number') return pyFloatRepr(value)
  return pyRepr(value)
}

function pyFloatRepr(value: number): string {
  if (Number.isInteger(value)) return String(value)
  if (Number.isNaN(value)) return 'nan'
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf'
  return String(value)
}

/** Python's `repr()` for JSON values (used inside `str()` of containers). */
export function pyRepr(value: unknown): string {
  if (typeof value === 'string') return pyStringRepr(value)
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `${pyRepr(key)}: ${pyRepr(item)}`)
    return `{${entries.join(', ')}}`
  }
  return pyStr(value)
}

/**
 * Python's `repr()` of a str: single quotes unless the text has a single quote and no double quote;
 * backslashes, the chosen quote and control characters escaped.
 */
function pyStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'"
  let out = ''
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    if (char === '\\' || char === quote) out += `\\${char}`
    else if (char === '\n') out += '\\n'
    else if (char === '\r') out += '\\r'
    else if (char === '\t') out += '\\t'
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += `\\x${code.toString(16).padStart(2, '0')}`
    else out += char
  }
  return `${quote}${out}${quote}`
}
