import { describe, expect, it } from 'vitest'
import { prometheusDurationMs, rfc3339Tenths } from './format.ts'

describe('rfc3339Tenths', () => {
  it('writes UTC cut to tenths of a second, as maya does', () => {
    expect(rfc3339Tenths(new Date('2026-12-06T04:47:46.389Z'))).toBe('2026-12-06T04:47:46.3Z')
    expect(rfc3339Tenths(new Date('2024-01-02T03:04:05Z'))).toBe('2024-01-02T03:04:05.0Z')
    expect(rfc3339Tenths(new Date('2024-01-02T03:04:05.999+02:00'))).toBe('2024-01-02T01:04:05.9Z')
  })
})

describe('prometheusDurationMs', () => {
  it.each([
    [30, 30_000],
    [0.5, 500],
    ['30', 30_000],
    ['2.5', 2500],
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['2h', 7_200_000],
  ])('reads %j', (value, ms) => {
    expect(prometheusDurationMs(value)).toBe(ms)
  })

  it.each([null, undefined, '', 'soon', '5 minutes', -1, true])('does not read %j', (value) => {
    expect(prometheusDurationMs(value)).toBeUndefined()
  })
})
