import { describe, expect, it } from 'vitest'
import { formatTimestamp, parseTimestamp } from './timestamp.ts'

describe('parseTimestamp', () => {
  it('reads the three journal shapes to the same instant', () => {
    // Microseconds are kept: durations between runs are often below a millisecond.
    const utc = Date.UTC(2025, 3, 26, 0, 12, 46, 36) + 0.684
    expect(parseTimestamp('2025-04-26T00:12:46.036684+00:00')).toEqual({
      ms: utc,
      zone: 'utc',
      raw: '2025-04-26T00:12:46.036684+00:00',
    })
    expect(parseTimestamp('2025-04-26T00:12:46.036684Z')?.ms).toBe(utc)
    expect(parseTimestamp('2025-04-26T02:12:46.036684+02:00')).toMatchObject({ ms: utc, zone: 'offset' })
    expect(parseTimestamp('2025-04-26T00:12:46.036684')).toMatchObject({ ms: utc, zone: 'naive' })
    expect(parseTimestamp('2023-11-30T04:18:01')?.ms).toBe(Date.UTC(2023, 10, 30, 4, 18, 1))
  })

  it('rejects what is not a timestamp', () => {
    expect(parseTimestamp('yesterday')).toBeUndefined()
    expect(parseTimestamp(1700000000)).toBeUndefined()
  })

  it('says when the zone was not recorded', () => {
    expect(formatTimestamp(parseTimestamp('2018-01-24T13:25:55.195573'))).toBe(
      "2018-01-24 13:25:55 (runner's local time)",
    )
    expect(formatTimestamp(parseTimestamp('2018-01-24T13:25:55+01:00'))).toBe('2018-01-24 12:25:55 UTC')
    expect(formatTimestamp(undefined)).toBe('not recorded')
  })
})
