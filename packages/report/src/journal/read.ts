import { isRecord, type JsonValue } from '@steadystate/model'

export { isRecord }

/**
 * Narrowing helpers for journals read from disk: every field is `unknown` until checked, so a
 * journal from any chaoslib version (or a hand-edited one) never crashes the report.
 */
export type UnknownRecord = Record<string, unknown>

export function record(value: unknown): UnknownRecord {
  return isRecord(value) ? value : {}
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** A string, or a number/boolean shown as one (chaos journals carry versions as either). */
export function label(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

export function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

export function flag(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined
}

/** A JSON value, with anything JSON cannot hold (undefined, functions) turned into null. */
export function json(value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (Array.isArray(value)) return value.map(json)
  if (isRecord(value)) {
    const out: { [key: string]: JsonValue } = {}
    for (const [key, child] of Object.entries(value)) out[key] = json(child)
    return out
  }
  return null
}
