/** Wall-clock time in microseconds since the epoch, as the reference's `datetime.now()` gives. */
export type Clock = () => number

export const systemClock: Clock = () => Math.round((performance.timeOrigin + performance.now()) * 1000)

/** Python's `datetime.isoformat()` of an aware UTC datetime: microseconds omitted when zero. */
export function isoTimestamp(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000)
  const fraction = micros - seconds * 1_000_000
  const base = new Date(seconds * 1000).toISOString().slice(0, 19)
  return fraction === 0 ? `${base}+00:00` : `${base}.${String(fraction).padStart(6, '0')}+00:00`
}

/** Seconds between two microsecond instants, at microsecond precision (`timedelta.total_seconds()`). */
export function secondsBetween(startMicros: number, endMicros: number): number {
  return (endMicros - startMicros) / 1_000_000
}
