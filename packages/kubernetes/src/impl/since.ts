import { ActivityFailedError } from '@steadystate/core'

const UNITS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400, week: 604800 }

/** "10 minutes", "1 hour", "30s" → seconds (the reference hands such text to dateparser). */
export function parseSince(text: string): number {
  const match =
    /^\s*(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?|w|weeks?)\s*(ago)?\s*$/i.exec(
      text,
    )
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new ActivityFailedError(
      `last ${JSON.stringify(text)} is not a duration such as "10 minutes" or "1 hour"`,
    )
  }
  const unit = match[2].toLowerCase()
  const key = unit.startsWith('s')
    ? 'second'
    : unit.startsWith('mi') || unit === 'm'
      ? 'minute'
      : unit.startsWith('h')
        ? 'hour'
        : unit.startsWith('d')
          ? 'day'
          : 'week'
  return Math.ceil(Number(match[1]) * (UNITS[key] ?? 1))
}
