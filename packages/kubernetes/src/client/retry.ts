import { systemErrorCode } from '@steadystate/core'

/** Backoff for transient API failures: exponential with full jitter, capped, within a deadline. */
export interface RetryPolicy {
  /** First delay, in milliseconds. */
  baseMs: number
  /** Longest single delay, in milliseconds. */
  maxMs: number
  random: () => number
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 200, maxMs: 5_000, random: Math.random }

export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt)
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2)
}

/** Statuses worth retrying: throttling and server-side trouble (e.g. an apiserver restarting). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504
}

/** Network errors worth retrying: the apiserver is restarting or briefly unreachable. */
export function isRetryableNetworkError(error: unknown): boolean {
  const code = systemErrorCode(error)
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'ETIMEDOUT' ||
    code === 'EHOSTUNREACH' ||
    code === 'ENETUNREACH' ||
    code === 'EAI_AGAIN' ||
    code === 'UND_ERR_SOCKET'
  )
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)))
      return
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)))
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
