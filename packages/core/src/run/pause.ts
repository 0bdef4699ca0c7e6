import { setLongTimeout } from '../timers.ts'

/** How often a long pause reports the time left, so CI logs never look hung. */
export const PAUSE_PROGRESS_SECONDS = 10

/**
 * Sleeps `seconds` (any length: see setLongTimeout), waking early when `signal` aborts. Calls `progress(remaining)` every
 * PAUSE_PROGRESS_SECONDS while waiting. Resolves to false when interrupted.
 */
export function pause(
  seconds: number,
  signal: AbortSignal,
  progress: (remaining: number) => void,
): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false)
  if (seconds <= 0) return Promise.resolve(true)
  return new Promise((resolve) => {
    const started = Date.now()
    const done = (completed: boolean): void => {
      timer.clear()
      clearInterval(ticker)
      signal.removeEventListener('abort', onAbort)
      resolve(completed)
    }
    const onAbort = (): void => done(false)
    const timer = setLongTimeout(() => done(true), seconds * 1000)
    const ticker = setInterval(() => {
      progress(Math.max(0, Math.round(seconds - (Date.now() - started) / 1000)))
    }, PAUSE_PROGRESS_SECONDS * 1000)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
