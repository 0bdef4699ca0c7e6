/**
 * The bool, int, str and list tolerances: Python `==`, `in` and chained `<=` on the probe's value,
 * with the reference's special case for provider results (a dict with a `status` key is judged by
 * its status, for ints and lists only).
 */
import { isRecord, type JsonValue } from '@steadystate/model'
import { PyTypeError, pyCompare, pyEquals } from '../python.ts'
import type { ToleranceVerdict } from './types.ts'
import { isHttpResult, isProcessResult, describeActual, show, typeOf } from './values.ts'
import { MET, notMet, unjudgeable } from './verdict.ts'

export function judgeBool(expected: boolean, value: unknown): ToleranceVerdict {
  if (pyEquals(value, expected)) return MET
  const hint = isRecord(value)
    ? '; a boolean tolerance never matches a mapping such as a process or http result'
    : ''
  return notMet(`expected ${show(expected)} but ${describeActual(value)}${hint}`)
}

export function judgeInt(expected: number, value: unknown): ToleranceVerdict {
  if (isRecord(value) && Object.hasOwn(value, 'status')) {
    const status = value.status
    if (pyEquals(status, expected)) return MET
    if (isProcessResult(value))
      return notMet(`expected exit status ${expected} but the process exited with ${show(status)}`)
    if (isHttpResult(value))
      return notMet(`expected HTTP status ${expected} but the response status was ${show(status)}`)
    return notMet(`expected "status" ${expected} but it was ${show(status)}`)
  }
  if (pyEquals(value, expected)) return MET
  return notMet(`expected ${expected} but ${describeActual(value)}`)
}

export function judgeStr(expected: string, value: unknown): ToleranceVerdict {
  if (value === expected) return MET
  const hint = isRecord(value)
    ? `; a string tolerance must equal the whole value, so to search a ${typeOf(value)} use {"type": "regex", "pattern": …, "target": …}`
    : ''
  return notMet(`expected ${show(expected)} but ${describeActual(value)}${hint}`)
}

export function judgeList(items: JsonValue[], value: unknown): ToleranceVerdict {
  if (isRecord(value) && Object.hasOwn(value, 'status')) {
    // Membership even for two items: [200, 204] means 200 or 204 here, not a range.
    const status = value.status
    if (items.some((item) => pyEquals(item, status))) return MET
    if (isProcessResult(value))
      return notMet(`expected an exit status in ${show(items)} but the process exited with ${show(status)}`)
    if (isHttpResult(value))
      return notMet(`expected an HTTP status in ${show(items)} but the response status was ${show(status)}`)
    return notMet(`expected "status" to be one of ${show(items)} but it was ${show(status)}`)
  }
  const [low, high] = items
  if (items.length === 2) return judgeBetween(low ?? null, high ?? null, value)
  if (items.some((item) => pyEquals(item, value))) return MET
  if (items.length === 0) return notMet('the tolerance is an empty list, which contains no value')
  return notMet(`value ${show(value)} is not one of ${show(items)}`)
}

/** Python's `low <= value <= high`: it stops at the first false comparison and raises on mixed types. */
function judgeBetween(low: JsonValue, high: JsonValue, value: unknown): ToleranceVerdict {
  const range = show([low, high])
  try {
    if (pyCompare(low, value) > 0 || pyCompare(value, high) > 0) {
      return notMet(`value ${show(value)} is outside the range ${range}`)
    }
    return MET
  } catch (error) {
    if (!(error instanceof PyTypeError)) throw error
    return unjudgeable(
      `a two-item list tolerance is a range ${range}, which cannot be compared with ${typeOf(value)} ${show(value)} ` +
        `(${error.message}); give a value of the bounds' type, or use a list of three or more values for membership`,
    )
  }
}
