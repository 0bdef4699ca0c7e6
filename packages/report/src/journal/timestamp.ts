/**
 * Journal timestamps come in three shapes: chaoslib ≥ 1.43.1 writes an offset
 * (`2025-04-26T00:12:46.036684+00:00`), older releases a naive local time (`2018-01-24T13:25:55.195573`),
 * steadystate `Z` or an offset. Naive times are read as if UTC, which keeps every difference right
 * and lets the report say the zone was not recorded instead of guessing it.
 */
export interface Timestamp {
  /** Milliseconds since the epoch (naive times read as UTC). */
  ms: number
  /** `utc` for Z/+00:00, `offset` for another offset, `naive` when the journal recorded no zone. */
  zone: 'utc' | 'offset' | 'naive'
  /** As written in the journal. */
  raw: string
}

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i

export function parseTimestamp(value: unknown): Timestamp | undefined {
  if (typeof value !== 'string') return undefined
  const match = PATTERN.exec(value.trim())
  if (match === null) return undefined
  const [, year, month, day, hour, minute, second, fraction, zone] = match
  const millis = fraction === undefined ? 0 : Number(`0.${fraction}`) * 1000
  let ms = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second ?? 0),
  )
  if (Number.isNaN(ms)) return undefined
  ms += millis
  if (zone === undefined) return { ms, zone: 'naive', raw: value }
  if (zone.toUpperCase() === 'Z') return { ms, zone: 'utc', raw: value }
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')
  return { ms: ms - sign * offsetMinutes * 60_000, zone: offsetMinutes === 0 ? 'utc' : 'offset', raw: value }
}

/** `2026-11-24 19:08:29 UTC`, or the journal's own text with a note when the zone is unknown. */
export function formatTimestamp(stamp: Timestamp | undefined): string {
  if (stamp === undefined) return 'not recorded'
  const iso = new Date(stamp.ms).toISOString().replace('T', ' ').slice(0, 19)
  switch (stamp.zone) {
    case 'utc':
    case 'offset':
      return `${iso} UTC`
    case 'naive':
      return `${iso} (runner's local time)`
  }
}
