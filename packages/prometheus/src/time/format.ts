/**
 * A time as chaostoolkit-prometheus sends it to Prometheus: maya's `rfc3339()`, which is UTC cut (not
 * rounded) to tenths of a second, e.g. `2024-01-02T03:04:05.1Z`. Sending the same text matters: an
 * instant query's sample timestamps are the requested time, so the outputs of both tools match.
 */
export function rfc3339Tenths(date: Date): string {
  return `${date.toISOString().slice(0, 21)}Z`
}

const DURATION_UNITS_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
}

/**
 * A duration as Prometheus reads the `timeout` and `step` parameters: a number of seconds (`30`,
 * `0.5`) or a duration (`30s`, `1m30s`). Undefined when Prometheus would not read it either.
 */
export function prometheusDurationMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined
  if (typeof value !== 'string' || value === '') return undefined
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000
  let total = 0
  let rest = value
  while (rest !== '') {
    const match = /^(\d+)(ms|s|m|h|d|w|y)/.exec(rest)
    const unit = match?.[2]
    if (match === null || unit === undefined) return undefined
    total += Number(match[1]) * (DURATION_UNITS_MS[unit] ?? 0)
    rest = rest.slice(match[0].length)
  }
  return total
}
