import { MAX_NESTING_DEPTH } from '../experiment/nesting.ts'
import { isJsonObject, type JsonValue } from '@steadystate/model'

/** What stands in for the part of an output nested deeper than MAX_NESTING_DEPTH. */
export const CUT_TOO_DEEP = `[steadystate: nested deeper than ${MAX_NESTING_DEPTH} levels; cut here]`

/** What stands in for an object that contains itself. */
export const CUT_CIRCULAR = '[steadystate: circular reference; cut here]'

/**
 * Makes any provider result JSON-safe (the reference crashes on non-JSON outputs; we convert), and
 * bounded: what nests deeper than MAX_NESTING_DEPTH (a JSON body from an HTTP probe can) or refers
 * back to itself is cut, so the journal and reports can always be written.
 */
export function toJsonValue(value: unknown, depth = 0, ancestors = new Set<object>()): JsonValue {
  if (value === undefined || value === null) return null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') {
    if (depth >= MAX_NESTING_DEPTH) return CUT_TOO_DEEP
    if (ancestors.has(value)) return CUT_CIRCULAR
    ancestors.add(value)
    try {
      if (Array.isArray(value)) return value.map((item) => toJsonValue(item, depth + 1, ancestors))
      const out: { [key: string]: JsonValue } = {}
      for (const [key, item] of Object.entries(value))
        if (item !== undefined) out[key] = toJsonValue(item, depth + 1, ancestors)
      return out
    } finally {
      ancestors.delete(value)
    }
  }
  return typeof value === 'symbol' || typeof value === 'function' ? typeof value : null
}

/** A one-line summary of an output for logs: exit status, HTTP status, or the value itself. */
export function summarizeOutput(output: JsonValue, max = 120): string {
  if (isJsonObject(output)) {
    if ('status' in output && 'stdout' in output) return `exit status ${JSON.stringify(output.status)}`
    if ('status' in output && 'body' in output) return `HTTP ${JSON.stringify(output.status)}`
  }
  const text = JSON.stringify(output)
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
