/**
 * Points in time as chaostoolkit-prometheus reads `when`, `start`, `end` and `window`: it hands the
 * text to dateparser, which accepts far more than anyone writes in an experiment (and some nonsense:
 * "ago" alone is a date in August). This reads the forms experiments use, with dateparser's meaning:
 *
 * - `now`, `today` (= now), `yesterday`, `tomorrow` (± one day);
 * - durations: `5 minutes ago`, `30s ago`, `1h30m ago`, `1 hour, 5 minutes ago`, `2 days and 3 hours
 *   ago`, `a minute ago`, `1.5 hours ago`; a bare duration (`5m`, `1d`, `-5m`, `now-5m`) is in the
 *   past; `in 5 minutes`, `+5m`, `now+5m`, `5 minutes from now`, `5 minutes later` are in the future.
 *   Units: s/sec/second, m/min/minute, h/hr/hour, d/day, w/week, mo/month, y/yr/year (plurals too);
 *   months and years are calendar months and years (whole numbers only), as dateparser's are;
 * - dates: RFC 3339 / ISO 8601 (`2024-01-02T03:04:05Z`, `…+02:00`, `2024-01-02 03:04:05`,
 *   `2024-01-02`, `2024/01/02`); without an offset, in the local time zone (TZ), as dateparser does;
 * - Unix timestamps: 10 digits (seconds, a fraction is ignored as dateparser ignores it), 13
 *   (milliseconds) or 16 (microseconds).
 *
 * Anything else is undefined, and the caller fails the activity as the reference does.
 */
export function parseTime(text: string, now: Date): Date | undefined {
  const normalized = text.trim().toLowerCase().replace(/\s+/g, ' ')
  if (normalized === '') return undefined
  return keyword(normalized, now) ?? timestamp(normalized) ?? isoDate(normalized) ?? relative(normalized, now)
}

const DAY_MS = 86_400_000

function keyword(text: string, now: Date): Date | undefined {
  switch (text) {
    case 'now':
    case 'today':
      return new Date(now.getTime())
    case 'yesterday':
      return new Date(now.getTime() - DAY_MS)
    case 'tomorrow':
      return new Date(now.getTime() + DAY_MS)
    default:
      return undefined
  }
}

function timestamp(text: string): Date | undefined {
  const match = /^(\d{10})(\d{3})?(\d{3})?(?:\.\d+)?$/.exec(text)
  if (match === null) return undefined
  const [, seconds, millis, micros] = match
  if (micros !== undefined && millis !== undefined) return new Date(Number(`${seconds}${millis}`))
  return new Date(Number(seconds) * 1000 + (millis === undefined ? 0 : Number(millis)))
}

const ISO_DATE =
  /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[t ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)? ?(z|[+-]\d{2}(?::?\d{2})?)?$/

function isoDate(text: string): Date | undefined {
  const match = ISO_DATE.exec(text)
  if (match === null) return undefined
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '0', zone] = match
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const millis = Math.floor(Number(`0.${fraction}`) * 1000)
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo - 1) || h > 23 || mi > 59 || s > 59)
    return undefined
  if (zone === undefined) return new Date(y, mo - 1, d, h, mi, s, millis)
  const offsetMinutes = zoneOffsetMinutes(zone)
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, millis) - offsetMinutes * 60_000)
}

function zoneOffsetMinutes(zone: string): number {
  if (zone === 'z') return 0
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'))
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate()
}

type Unit = { seconds: number } | { months: number }

const UNITS: Record<string, Unit> = {}
const addUnit = (unit: Unit, ...names: string[]): void => {
  for (const name of names) UNITS[name] = unit
}
addUnit({ seconds: 1 }, 's', 'sec', 'secs', 'second', 'seconds')
addUnit({ seconds: 60 }, 'm', 'min', 'mins', 'minute', 'minutes')
addUnit({ seconds: 3600 }, 'h', 'hr', 'hrs', 'hour', 'hours')
addUnit({ seconds: 86_400 }, 'd', 'day', 'days')
addUnit({ seconds: 604_800 }, 'w', 'week', 'weeks')
addUnit({ months: 1 }, 'mo', 'month', 'months')
addUnit({ months: 12 }, 'y', 'yr', 'yrs', 'year', 'years')

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
}

/** Which way a duration goes from now, and the duration's text without the words that said so. */
function direction(text: string): { sign: 1 | -1; rest: string } | undefined {
  let rest = text
  let sign: 1 | -1 | undefined
  const prefix = /^(?:now ?([+-]) ?|in |([+-]) ?)/.exec(rest)
  if (prefix !== null) {
    sign = (prefix[1] ?? prefix[2]) === '-' ? -1 : 1
    rest = rest.slice(prefix[0].length)
  }
  const suffix = / ?(ago|before|from now|later)$/.exec(rest)
  if (suffix !== null) {
    const suffixSign = suffix[1] === 'ago' || suffix[1] === 'before' ? -1 : 1
    if (sign !== undefined && sign !== suffixSign) return undefined
    sign = suffixSign
    rest = rest.slice(0, suffix.index)
  }
  return { sign: sign ?? -1, rest }
}

/** One `<amount> <unit>` of a duration and what separates it from the next (`, `, ` and `, nothing). */
const PART = /^(\d+(?:\.\d+)?|[a-z]+) ?([a-z]+),? ?(?:and )?/

function relative(text: string, now: Date): Date | undefined {
  const directed = direction(text)
  if (directed === undefined || directed.rest === '') return undefined
  let rest = directed.rest
  let seconds = 0
  let months = 0
  while (rest !== '') {
    const match = PART.exec(rest)
    if (match === null) return undefined
    const [whole, amountText = '', unitName = ''] = match
    const amount = /^\d/.test(amountText) ? Number(amountText) : NUMBER_WORDS[amountText]
    const unit = UNITS[unitName]
    if (amount === undefined || unit === undefined) return undefined
    if ('months' in unit) {
      if (!Number.isInteger(amount)) return undefined
      months += amount * unit.months
    } else {
      seconds += amount * unit.seconds
    }
    rest = rest.slice(whole.length)
  }
  const shifted = months === 0 ? new Date(now.getTime()) : shiftMonths(now, directed.sign * months)
  return new Date(shifted.getTime() + directed.sign * seconds * 1000)
}

/** Calendar months in local time, the day clamped to the month's last (as dateutil's relativedelta). */
function shiftMonths(now: Date, months: number): Date {
  const total = now.getFullYear() * 12 + now.getMonth() + months
  const year = Math.floor(total / 12)
  const month = total - year * 12
  const day = Math.min(now.getDate(), daysInMonth(year, month))
  return new Date(year, month, day, now.getHours(), now.getMinutes(), now.getSeconds(), now.getMilliseconds())
}
