/**
 * Raw tolerance → `Tolerance`, following the reference's dispatch on the Python type of the value
 * (`within_tolerance` is a `singledispatch`). Total: anything unexpected becomes a tolerance that
 * evaluates to "not met" or "unjudgeable" exactly where the reference returns None or raises.
 */
import { isRecord, type JsonValue } from '@steadystate/model'
import { pyNumber, pyTruthy, pyTypeName } from '../python.ts'
import type { Tolerance } from './types.ts'
import { show, typeAndValue } from './values.ts'

export function normalizeTolerance(raw: unknown): Tolerance {
  if (typeof raw === 'boolean') return { kind: 'bool', expected: raw }
  if (typeof raw === 'number') {
    if (Number.isInteger(raw)) return { kind: 'int', expected: raw }
    // Python's singledispatch has no float case: the base case returns None, never met.
    return {
      kind: 'unsupported',
      reason: `a float tolerance (${show(raw)}) is never met by Chaos Toolkit; use an integer, a [low, high] list or {"type": "range"}`,
    }
  }
  if (typeof raw === 'string') return { kind: 'str', expected: raw }
  if (Array.isArray(raw)) return { kind: 'list', items: raw.map(toJson) }
  if (isRecord(raw)) return normalizeDict(raw)
  return { kind: 'unsupported', reason: `a ${pyTypeName(raw)} tolerance is never met by Chaos Toolkit` }
}

function normalizeDict(raw: Record<string, unknown>): Tolerance {
  const type = raw.type
  switch (type) {
    case 'probe':
      return { kind: 'probe', activity: toJsonObject(raw) }
    case 'regex': {
      const pattern = raw.pattern
      return {
        kind: 'regex',
        pattern: typeof pattern === 'string' ? pattern : '',
        ...(typeof pattern === 'string' ? {} : { malformed: notAString('regex', 'pattern', raw) }),
        ...target(raw),
      }
    }
    case 'jsonpath': {
      const path = raw.path
      return {
        kind: 'jsonpath',
        path: typeof path === 'string' ? path : '',
        ...(typeof path === 'string' ? {} : { malformed: notAString('jsonpath', 'path', raw) }),
        ...target(raw),
        ...(raw.count === undefined || raw.count === null ? {} : { count: pyNumber(raw.count) ?? NaN }),
        ...(Object.hasOwn(raw, 'expect') ? { expect: { value: toJson(raw.expect) } } : {}),
      }
    }
    case 'range':
      return { kind: 'range', ...rangeBounds(raw), ...target(raw) }
    default:
      return {
        kind: 'unsupported',
        reason: `tolerance type ${show(type ?? null)} is not one Chaos Toolkit knows ("regex", "jsonpath", "range" or "probe"), so it is never met`,
      }
  }
}

function notAString(kind: string, key: string, raw: Record<string, unknown>): string {
  if (!Object.hasOwn(raw, key)) return `the ${kind} tolerance has no "${key}"`
  return `the ${kind} tolerance's "${key}" must be a string, not ${typeAndValue(raw[key])}`
}

/** Python applies a target only when it is truthy; a truthy non-string can never name a key. */
function target(raw: Record<string, unknown>): { target?: string; targetProblem?: string } {
  const value = raw.target
  if (!pyTruthy(value)) return {}
  if (typeof value === 'string') return { target: value }
  return { targetProblem: `"target" must be a key name (a string), not ${typeAndValue(value)}` }
}

/**
 * The reference reads `range[0]` and `range[1]` only after converting the value, so a range it
 * cannot index is recorded, not rejected. A string is indexable in Python (its characters).
 */
function rangeBounds(raw: Record<string, unknown>): { range: [JsonValue, JsonValue]; malformed?: string } {
  const range = raw.range
  const placeholder: [JsonValue, JsonValue] = [null, null]
  if (Array.isArray(range) || typeof range === 'string') {
    const items: unknown[] = Array.isArray(range) ? range : Array.from(range)
    if (items.length >= 2) return { range: [toJson(items[0]), toJson(items[1])] }
    return {
      range: placeholder,
      malformed: `the range ${show(range)} needs two values, a lower and an upper bound`,
    }
  }
  if (!Object.hasOwn(raw, 'range'))
    return { range: placeholder, malformed: 'the range tolerance has no "range"' }
  return {
    range: placeholder,
    malformed: `"range" must be a [lower, upper] list, not ${typeAndValue(range)}`,
  }
}

/** Experiments come from JSON or YAML; anything else (undefined, functions) is treated as null. */
export function toJson(value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value
  if (Array.isArray(value)) return value.map(toJson)
  if (isRecord(value)) return toJsonObject(value)
  return null
}

function toJsonObject(value: Record<string, unknown>): { [key: string]: JsonValue } {
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJson(item)]))
}
