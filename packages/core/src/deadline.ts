/** A signal that aborts with its parent or when its time is up; `clear` releases the timer. */
export interface Deadline {
  signal: AbortSignal
  clear: () => void
}

/**
 * Aborts when `parent` does or after `ms` milliseconds, whichever comes first. Deliberately not
 * `AbortSignal.any([parent, AbortSignal.timeout(ms)])`: on Node 20 the composite holds its timeout
 * source only weakly, so a garbage collection before the timeout fires cancels it silently and the
 * wait runs on until the parent aborts (seen in the drain tests). Here the timer itself holds the
 * controller.
 */
export function withDeadline(parent: AbortSignal, ms: number): Deadline {
  const controller = new AbortController()
  const onAbort = (): void => controller.abort(parent.reason)
  const timer = setTimeout(
    () => controller.abort(new DOMException(`deadline of ${Math.round(ms)} ms passed`, 'TimeoutError')),
    Math.max(0, ms),
  )
  if (parent.aborted) onAbort()
  else parent.addEventListener('abort', onAbort, { once: true })
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer)
      parent.removeEventListener('abort', onAbort)
    },
  }
}
