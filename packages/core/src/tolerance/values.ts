/**
 * Shapes of probe values and how verdict reasons show them. Reasons quote the actual value (cut to
 * about 200 characters) and name process/http results, because that is what a person needs to see
 * to fix a tolerance.
 */
import { isRecord } from '@steadystate/model'
import { pyNumber, pyTypeName } from '../python.ts'

/** Python `isinstance(v, int)` (booleans are ints too), as a number. */
export function pyInt(value: unknown): number | undefined {
  const number = pyNumber(value)
  return number !== undefined && Number.isInteger(number) ? number : undefined
}

/** `{status, stdout, stderr}` from the process provider. */
export function isProcessResult(value: unknown): value is Record<string, unknown> {
  return (
    isRecord(value) &&
    Object.hasOwn(value, 'status') &&
    (Object.hasOwn(value, 'stdout') || Object.hasOwn(value, 'stderr'))
  )
}

/** `{status, headers, body}` from the http provider. */
export function isHttpResult(value: unknown): value is Record<string, unknown> {
  return (
    isRecord(value) &&
    Object.hasOwn(value, 'status') &&
    (Object.hasOwn(value, 'body') || Object.hasOwn(value, 'headers'))
  )
}

/** Python's `str.isspace()` characters (JS `\s` differs: it has U+FEFF, lacks U+001C–U+001F, U+0085). */
const PY_SPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
const STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'gu')

/** Python's `str.strip()`. */
export function pyStrip(text: string): string {
  return text.replace(STRIP, '')
}

const LIMIT = 200

/** The value as JSON with Python's `json.dumps` spacing (`[1, 5]`), cut to about 200 characters. */
export function show(value: unknown): string {
  const text = render(value, LIMIT + 1)
  return text.length > LIMIT ? `${text.slice(0, LIMIT)}…` : text
}

/** Renders until `budget` characters are produced, so a huge value costs little. */
function render(value: unknown, budget: number): string {
  if (Array.isArray(value)) return join('[', ']', value, (item, left) => render(item, left), budget)
  if (isRecord(value)) {
    const entries = Object.entries(value)
    return join(
      '{',
      '}',
      entries,
      ([key, item], left) => `${JSON.stringify(key)}: ${render(item, left)}`,
      budget,
    )
  }
  if (value === undefined) return 'null'
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value)
  if (typeof value === 'bigint') return value.toString()
  // Functions and symbols are not JSON; show them as JSON shows a missing value.
  return JSON.stringify(value) ?? 'null'
}

function join<T>(
  open: string,
  close: string,
  items: T[],
  each: (item: T, left: number) => string,
  budget: number,
): string {
  let out = open
  for (const [index, item] of items.entries()) {
    if (out.length > budget) break
    out += (index > 0 ? ', ' : '') + each(item, budget - out.length)
  }
  return out + close
}

/** The Python type, plus what the value is when it is a provider result: `dict (an http result)`. */
export function typeOf(value: unknown): string {
  if (isHttpResult(value)) return 'dict (an http result)'
  if (isProcessResult(value)) return 'dict (a process result)'
  return pyTypeName(value)
}

/** `int 5`, `str "ok"`, `dict (an http result) {…}`: the type and the value. */
export function typeAndValue(value: unknown): string {
  return `${typeOf(value)} ${show(value)}`
}

/** What a mismatch "was", phrased for provider results: the status is what people compare. */
export function describeActual(value: unknown): string {
  if (isProcessResult(value))
    return `the probe returned a process result with exit status ${show(value.status)}`
  if (isHttpResult(value)) return `the probe returned an http response with status ${show(value.status)}`
  return `the value was ${show(value)}`
}

/** Which key a text tolerance should target for a provider result, or undefined. */
export function suggestedTarget(value: unknown): string | undefined {
  if (isHttpResult(value)) return 'set "target": "body"'
  if (isProcessResult(value)) return 'set "target": "stdout" (or "stderr")'
  return undefined
}
