import { describe, expect, it } from 'vitest'
import { parseTime } from './parse-time.ts'

const NOW = new Date('2026-03-31T12:00:00.000Z')
const ago = (seconds: number): number => NOW.getTime() - seconds * 1000

/** Each form's meaning is what dateparser 1.5 (the reference's parser) gives for it. */
describe('parseTime', () => {
  it.each([
    ['now', 0],
    ['today', 0],
    ['yesterday', 86_400],
    ['tomorrow', -86_400],
    ['5 minutes ago', 300],
    ['30 seconds ago', 30],
    ['2 minutes ago', 120],
    ['1 hour ago', 3600],
    ['an hour ago', 3600],
    ['a minute ago', 60],
    ['one minute ago', 60],
    ['5 mins ago', 300],
    ['5 min ago', 300],
    ['5m ago', 300],
    ['5m', 300],
    ['5 minutes', 300],
    ['-5m', 300],
    ['now-5m', 300],
    ['now - 5 minutes', 300],
    ['10s ago', 10],
    ['30 sec ago', 30],
    ['30 secs ago', 30],
    ['5 hrs ago', 18_000],
    ['5 h ago', 18_000],
    ['1d', 86_400],
    ['1d ago', 86_400],
    ['3days ago', 259_200],
    ['5w ago', 3_024_000],
    ['1h30m ago', 5400],
    ['5m30s', 330],
    ['1.5 hours ago', 5400],
    ['0.5 minutes ago', 30],
    ['3 hours and 5 minutes ago', 11_100],
    ['1 hour, 5 minutes ago', 3900],
    ['5 minutes 30 seconds ago', 330],
    ['1 minute and 30 seconds ago', 90],
    ['  5 MINUTES   AGO ', 300],
    ['in 5 minutes', -300],
    ['+5 minutes', -300],
    ['now+5m', -300],
    ['5 minutes from now', -300],
    ['2 hours later', -7200],
    ['1 day before', 86_400],
  ])('reads %j', (text, secondsAgo) => {
    expect(parseTime(text, NOW)?.getTime()).toBe(ago(secondsAgo))
  })

  it('takes calendar months and years, the day clamped to the month (as relativedelta)', () => {
    const endOfMarch = new Date(2026, 2, 31, 12, 0, 0)
    expect(parseTime('1 month ago', endOfMarch)).toEqual(new Date(2026, 1, 28, 12, 0, 0))
    expect(parseTime('1mo ago', endOfMarch)).toEqual(new Date(2026, 1, 28, 12, 0, 0))
    expect(parseTime('1 year ago', endOfMarch)).toEqual(new Date(2025, 2, 31, 12, 0, 0))
    expect(parseTime('2 yrs ago', endOfMarch)).toEqual(new Date(2024, 2, 31, 12, 0, 0))
  })

  it.each([
    ['2024-01-02T03:04:05Z', '2024-01-02T03:04:05.000Z'],
    ['2024-01-02T03:04:05.123456Z', '2024-01-02T03:04:05.123Z'],
    ['2024-01-02T03:04:05+02:00', '2024-01-02T01:04:05.000Z'],
    ['2024-01-02T03:04:05.5+0200', '2024-01-02T01:04:05.500Z'],
    ['2024-01-02t03:04:05z', '2024-01-02T03:04:05.000Z'],
    ['1700000000', '2023-11-14T22:13:20.000Z'],
    ['1700000000.5', '2023-11-14T22:13:20.000Z'],
    ['1700000000123', '2023-11-14T22:13:20.123Z'],
    ['1700000000123456', '2023-11-14T22:13:20.123Z'],
  ])('reads the date %j', (text, iso) => {
    expect(parseTime(text, NOW)?.toISOString()).toBe(iso)
  })

  it('reads a date without an offset in the local time zone, as dateparser does', () => {
    expect(parseTime('2024-01-02 03:04:05', NOW)).toEqual(new Date(2024, 0, 2, 3, 4, 5))
    expect(parseTime('2024-01-02T03:04', NOW)).toEqual(new Date(2024, 0, 2, 3, 4, 0))
    expect(parseTime('2024-01-02', NOW)).toEqual(new Date(2024, 0, 2))
    expect(parseTime('2024/01/02', NOW)).toEqual(new Date(2024, 0, 2))
  })

  it.each([
    'garbage',
    '',
    '   ',
    'minutes ago',
    '.5 minutes ago',
    '5 fortnights ago',
    '1.5 months ago',
    'in 5 minutes ago',
    '2024-13-01',
    '2024-02-30',
    '2024-01-02T25:00:00Z',
    '170000000',
    'last hour',
  ])('refuses %j', (text) => {
    expect(parseTime(text, NOW)).toBeUndefined()
  })
})
