import type { KubeConfig } from '@kubernetes/client-node'
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { systemErrorCode, withDeadline, errorMessage } from '@steadystate/core'
import { KubernetesApiError, KubernetesUnreachableError } from './errors.ts'
import {
  backoffDelay,
  DEFAULT_RETRY,
  isRetryableNetworkError,
  isRetryableStatus,
  sleep,
  type RetryPolicy,
} from './retry.ts'

export type Query = Record<string, string | number | boolean | undefined>

export interface RequestSpec {
  query?: Query
  body?: unknown
  /** e.g. `application/merge-patch+json` for patches. */
  contentType?: string
  /** Aborts the call and its retries (the activity's deadline or the run's interruption). */
  signal: AbortSignal
}

/** Where the client reports retries, so a long wait for a restarting apiserver is visible. */
export type RetryLog = (message: string) => void

/** How long transient failures are retried when the caller gives no tighter deadline. */
const RETRY_WINDOW_MS = 90_000
/** One attempt may not hang longer than this (a paused apiserver accepts but never answers). */
const ATTEMPT_TIMEOUT_MS = 30_000

/**
 * A small REST client over node:http(s), with authentication and TLS from client-node's KubeConfig.
 * It owns what the generated clients make hard: per-call cancellation, retries with backoff and
 * jitter on 429/5xx/connection errors, and streaming watches.
 */
export class KubeClient {
  readonly server: string

  constructor(
    readonly config: KubeConfig,
    private readonly log: RetryLog = () => undefined,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {
    const cluster = config.getCurrentCluster()
    if (cluster === null) throw new Error('the kubeconfig has no current cluster')
    this.server = cluster.server.replace(/\/+$/, '')
  }

  async request<T>(method: string, path: string, spec: RequestSpec): Promise<T> {
    return parse<T>(await this.exchange(method, path, spec))
  }

  /** A GET whose answer is text (pod logs), with the same retries as `request`. */
  requestText(path: string, spec: RequestSpec): Promise<string> {
    return this.exchange('GET', path, spec)
  }

  /** One call with retries on throttling, server errors and connection failures, until the deadline. */
  private async exchange(method: string, path: string, spec: RequestSpec): Promise<string> {
    const window = withDeadline(spec.signal, RETRY_WINDOW_MS)
    try {
      return await this.retrying(method, path, spec, window.signal)
    } finally {
      window.clear()
    }
  }

  private async retrying(
    method: string,
    path: string,
    spec: RequestSpec,
    signal: AbortSignal,
  ): Promise<string> {
    // The last refusal (429, 5xx) the server answered: when the deadline passes, that answer says
    // more than "deadline passed", whether the deadline caught us sleeping or with a request in flight.
    let lastRefusal: KubernetesApiError | undefined
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await this.send(method, path, spec, signal)
        if (response.status >= 200 && response.status < 300) return response.body
        const error = apiError(method, path, response.status, response.body)
        if (!isRetryableStatus(response.status) || signal.aborted) throw error
        lastRefusal = error
        await this.wait(attempt, `${response.status} ${error.reason}`, signal, error)
      } catch (error) {
        if (error instanceof KubernetesApiError) throw error
        if (signal.aborted && !isRetryableNetworkError(error))
          throw lastRefusal ?? abortError(signal, method, path)
        if (!isRetryableNetworkError(error) && !isAttemptTimeout(error)) {
          throw new KubernetesUnreachableError(
            `cannot reach the Kubernetes API at ${this.server}: ${message(error)}`,
            { cause: error },
          )
        }
        const why =
          isAttemptTimeout(error) && !signal.aborted
            ? `no answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`
            : message(error)
        await this.wait(attempt, why, signal, error)
      }
    }
  }

  /** Streams watch events until `onEvent` returns true (done), the server ends the stream, or `signal` aborts. */
  async watch(
    path: string,
    query: Query,
    onEvent: (type: string, object: Record<string, unknown>) => boolean,
    signal: AbortSignal,
  ): Promise<'done' | 'ended' | 'expired'> {
    // The stream lives as long as the caller's signal; its headers, like any answer, come within
    // ATTEMPT_TIMEOUT_MS (a paused apiserver accepts the connection and never answers).
    const response = await this.open(
      'GET',
      path,
      { query: { ...query, watch: true, allowWatchBookmarks: true }, signal },
      ATTEMPT_TIMEOUT_MS,
    )
    if (response.statusCode !== 200) {
      const body = await readAll(response)
      throw apiError('GET', path, response.statusCode ?? 0, body)
    }
    return new Promise((resolve, reject) => {
      let buffer = ''
      const finish = (result: 'done' | 'ended' | 'expired'): void => {
        response.destroy()
        resolve(result)
      }
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        buffer += chunk
        let newline = buffer.indexOf('\n')
        while (newline >= 0) {
          const line = buffer.slice(0, newline).trim()
          buffer = buffer.slice(newline + 1)
          newline = buffer.indexOf('\n')
          if (line === '') continue
          const event = JSON.parse(line) as { type: string; object: Record<string, unknown> }
          if (event.type === 'ERROR') {
            finish((event.object as { code?: number }).code === 410 ? 'expired' : 'ended')
            return
          }
          if (onEvent(event.type, event.object)) {
            finish('done')
            return
          }
        }
      })
      response.on('end', () => resolve('ended'))
      response.on('error', (error) => (signal.aborted ? resolve('ended') : reject(error)))
    })
  }

  private async wait(attempt: number, why: string, signal: AbortSignal, last: unknown): Promise<void> {
    const delay = backoffDelay(attempt, this.retry)
    this.log(`Kubernetes API not available (${why}); retrying in ${(delay / 1000).toFixed(1)} s`)
    try {
      await sleep(delay, signal)
    } catch {
      if (last instanceof Error && !(last instanceof KubernetesApiError)) {
        throw new KubernetesUnreachableError(
          `gave up on the Kubernetes API at ${this.server}: ${message(last)}`,
          { cause: last },
        )
      }
      throw last
    }
  }

  private async send(
    method: string,
    path: string,
    spec: RequestSpec,
    signal: AbortSignal,
  ): Promise<{ status: number; body: string }> {
    const attempt = withDeadline(signal, ATTEMPT_TIMEOUT_MS)
    try {
      const response = await this.open(method, path, { ...spec, signal: attempt.signal })
      return { status: response.statusCode ?? 0, body: await readAll(response) }
    } finally {
      attempt.clear()
    }
  }

  private async open(
    method: string,
    path: string,
    spec: RequestSpec,
    headersTimeoutMs?: number,
  ): Promise<IncomingMessage> {
    const url = new URL(this.server + path)
    for (const [key, value] of Object.entries(spec.query ?? {}))
      if (value !== undefined) url.searchParams.set(key, String(value))
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'steadystate' }
    const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body)
    if (payload !== undefined) headers['Content-Type'] = spec.contentType ?? 'application/json'
    const options: RequestOptions & { rejectUnauthorized?: boolean } = { method, headers }
    // Adds TLS material and the Authorization header (tokens, exec plugins, OIDC) to the options.
    await this.config.applyToHTTPSOptions(options)
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    return new Promise((resolve, reject) => {
      const timer =
        headersTimeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              const error = new Error(`no answer within ${headersTimeoutMs / 1000} s`)
              req.destroy(Object.assign(error, { attemptTimeout: true }))
            }, headersTimeoutMs)
      const req = send(url, { ...options, signal: spec.signal }, (response) => {
        clearTimeout(timer)
        resolve(response)
      })
      req.on('error', (error) => {
        clearTimeout(timer)
        reject(spec.signal.aborted ? Object.assign(error, { attemptTimeout: true }) : error)
      })
      req.end(payload)
    })
  }
}

function isAttemptTimeout(error: unknown): boolean {
  return (error as { attemptTimeout?: boolean } | undefined)?.attemptTimeout === true
}

function abortError(signal: AbortSignal, method: string, path: string): Error {
  const reason: unknown = signal.reason
  const why = errorMessage(reason)
  return new Error(`Kubernetes API ${method} ${path} stopped: ${why}`)
}

function readAll(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    response.on('data', (chunk: Buffer) => chunks.push(chunk))
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    response.on('error', reject)
  })
}

function parse<T>(body: string): T {
  return (body === '' ? {} : JSON.parse(body)) as T
}

function apiError(method: string, path: string, status: number, body: string): KubernetesApiError {
  let reason = 'Error'
  let text = body.slice(0, 500)
  try {
    const status_ = JSON.parse(body) as { reason?: string; message?: string }
    reason = status_.reason ?? reason
    text = status_.message ?? text
  } catch {
    // Not a Status object: keep the raw text.
  }
  return new KubernetesApiError({ status, reason, message: text, method, path, body })
}

function message(error: unknown): string {
  if (error instanceof Error) {
    const code = systemErrorCode(error)
    return code === undefined ? error.message : `${code}: ${error.message}`
  }
  return String(error)
}
