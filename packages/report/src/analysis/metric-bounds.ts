import type { JsonValue } from '@steadystate/model'
import { isRecord, list, record } from '../journal/read.ts'

/** What a tolerance allows, where it is numeric: drawn as dashed lines on a metric chart. */
export interface MetricBounds {
  min: number | undefined
  max: number | undefined
  /** How the chart's legend names the bounds, e.g. `values_within (max 0.05)`. */
  label: string
}

/**
 * The numeric bounds a tolerance sets, or undefined when it sets none a chart could draw:
 * - `steadystate.prometheus.tolerances.values_within` (a probe tolerance): its `min`/`max`;
 * - `{"type": "range", "range": [lo, hi]}` and `[lo, hi]` (two numbers): lo and hi;
 * - a number: the value the output must equal.
 */
export function numericBounds(tolerance: JsonValue | undefined): MetricBounds | undefined {
  if (typeof tolerance === 'number') return { min: tolerance, max: tolerance, label: `= ${tolerance}` }
  const pair = rangeOf(Array.isArray(tolerance) ? tolerance : undefined)
  if (pair !== undefined) return { ...pair, label: `[${pair.min}, ${pair.max}]` }
  if (!isRecord(tolerance)) return undefined
  if (tolerance.type === 'range') {
    const range = rangeOf(list(tolerance.range))
    return range === undefined ? undefined : { ...range, label: `range [${range.min}, ${range.max}]` }
  }
  const provider = record(tolerance.provider)
  if (
    tolerance.type !== 'probe' ||
    provider.module !== 'steadystate.prometheus.tolerances' ||
    provider.func !== 'values_within'
  )
    return undefined
  const args = record(provider.arguments)
  const min = typeof args.min === 'number' ? args.min : undefined
  const max = typeof args.max === 'number' ? args.max : undefined
  if (min === undefined && max === undefined) return undefined
  const parts = [min === undefined ? '' : `min ${min}`, max === undefined ? '' : `max ${max}`]
  return { min, max, label: `values_within (${parts.filter((part) => part !== '').join(', ')})` }
}

/** A guard is safe at 0 (series returned, alerts firing). */
export const GUARD_BOUNDS: MetricBounds = { min: undefined, max: 0, label: 'safe at 0' }

function rangeOf(values: unknown[] | undefined): { min: number; max: number } | undefined {
  if (values?.length !== 2) return undefined
  const [min, max] = values
  return typeof min === 'number' && typeof max === 'number' ? { min, max } : undefined
}
