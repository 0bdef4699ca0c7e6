/**
 * Node's timers take a 32-bit signed delay: anything above 2^31-1 ms (~24.8 days) fires after 1 ms,
 * with only a warning. Every duration a user can write (pauses, timeouts, deadlines, frequencies)
 * goes through these helpers, which chain timers of at most that length instead.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1

/** A running timer; `clear` is safe to call at any time, also after it fired. */
export interface LongTimer {
  clear(): void
}

/**
 * Calls `callback` once after `ms` milliseconds, for any `ms`: negative or NaN means at once
 * (as setTimeout), Infinity means never. The timer keeps the process alive, as setTimeout does,
 * unless `unref` is set.
 */
export function setLongTimeout(
  callback: () => void,
  ms: number,
  options: { unref?: boolean } = {},
): LongTimer {
  let remaining = Number.isNaN(ms) ? 0 : Math.max(0, ms)
  let timer: NodeJS.Timeout | undefined
  const arm = (): void => {
    const step = Math.min(remaining, MAX_TIMER_MS)
    remaining -= step
    timer = setTimeout(remaining > 0 ? arm : callback, step)
    if (options.unref === true) timer.unref()
  }
  arm()
  return {
    clear: () => {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      remaining = 0
    },
  }
}

/**
 * Waits `ms` milliseconds, or less when `signal` aborts. Resolves to true when the time passed,
 * false when aborted (never rejects).
 */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false)
  return new Promise((resolve) => {
    const onAbort = (): void => {
      timer.clear()
      resolve(false)
    }
    const timer = setLongTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/** A duration as the user wrote it, for messages: numbers as numbers (JSON would print Infinity as null). */
export function describeDuration(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value))
}
