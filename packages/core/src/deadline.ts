import { setLongTimeout } from './timers.ts'

/** A signal that aborts with its parent or when its time is up; `clear` releases the timer. */
export interface Deadline {
  signal: AbortSignal
  clear: () => void
}

/**
 * Aborts when `parent` does or after `ms` milliseconds, whichever comes first; any `ms` works (see
 * setLongTimeout), Infinity meaning no deadline. Deliberately not
 * `AbortSignal.any([parent, AbortSignal.timeout(ms)])`: on Node 20 the composite holds its timeout
 * source only weakly, so a garbage collection before the timeout fires cancels it silently and the
 * wait runs on until the parent aborts (seen in the drain tests); and AbortSignal.timeout throws
 * above 2^32-1 ms. Here the timer itself holds the controller.
 */
export function withDeadline(parent: AbortSignal, ms: number): Deadline {
  const controller = new AbortController()
  const onAbort = (): void => controller.abort(parent.reason)
  const timer = setLongTimeout(
    () => controller.abort(new DOMException(`deadline of ${describeMs(ms)} passed`, 'TimeoutError')),
    ms,
  )
  if (parent.aborted) onAbort()
  else parent.addEventListener('abort', onAbort, { once: true })
  return {
    signal: controller.signal,
    clear: () => {
      timer.clear()
      parent.removeEventListener('abort', onAbort)
    },
  }
}

/** A deadline of its own, for work that must go on after the run is interrupted (rollbacks). */
export function standaloneDeadline(ms: number): Deadline {
  return withDeadline(new AbortController().signal, ms)
}

function describeMs(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms)} ms`
}
