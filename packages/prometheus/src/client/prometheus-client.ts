import { ActivityFailedError, HttpRequestError, sendOnce, type HttpResponse } from '@steadystate/core'
import { authorizationHeader, type PrometheusAuth } from './auth.ts'

/** Where the reference looks when the configuration has no `prometheus_base_url`. */
export const DEFAULT_PROMETHEUS_URL = 'http://localhost:9090'

const CONNECT_TIMEOUT_MS = 10_000
/**
 * Prometheus gives up on a query after its `--query.timeout` (2 minutes by default), so an answer
 * that has not come by then, plus a margin, never will: without this a Prometheus that accepts the
 * connection and never answers would hold the run forever (as it holds the reference's).
 */
export const DEFAULT_READ_TIMEOUT_MS = 130_000
export const READ_TIMEOUT_MARGIN_MS = 10_000
/** As many as `requests` follows. */
const MAX_REDIRECTS = 30

/**
 * Which server of the Prometheus family a client talks to, for its messages: Prometheus itself, or
 * Alertmanager (same conventions: a base URL in the configuration, JSON over HTTP).
 */
export interface ServiceKind {
  name: string
  /** The configuration key holding its base URL. */
  configKey: string
  defaultUrl: string
}

export const PROMETHEUS_SERVICE: ServiceKind = {
  name: 'Prometheus',
  configKey: 'prometheus_base_url',
  defaultUrl: DEFAULT_PROMETHEUS_URL,
}

export interface PrometheusEndpoint {
  /** The base URL as configured: API paths are appended to it as they are by the reference. */
  baseUrl: string
  /** True when the configuration had no base URL and the default was used. */
  fromDefault: boolean
  service: ServiceKind
}

/** The endpoint an experiment's configuration names (`prometheus_base_url`), as the reference reads it. */
export function endpointFrom(
  configuration: Record<string, unknown> | undefined,
  service: ServiceKind = PROMETHEUS_SERVICE,
): PrometheusEndpoint {
  const configured = configuration?.[service.configKey]
  if (configured === undefined) return { baseUrl: service.defaultUrl, fromDefault: true, service }
  return {
    baseUrl: typeof configured === 'string' ? configured : JSON.stringify(configured),
    fromDefault: false,
    service,
  }
}

export interface PrometheusClientOptions {
  endpoint: PrometheusEndpoint
  auth?: PrometheusAuth | undefined
  /** False skips certificate checks (`verify_tls: false`); NODE_EXTRA_CA_CERTS adds a private CA. */
  verifyTls?: boolean
  /** Aborts the request when the run is interrupted or the activity's deadline passes. */
  signal: AbortSignal
}

/** An HTTP answer from Prometheus, whatever its status. */
export interface PrometheusAnswer {
  /** The URL asked, without credentials, for messages. */
  url: string
  status: number
  text: string
}

/** Prometheus could not be asked: refused, unresolvable, timed out, or the run was interrupted. */
export class PrometheusUnreachableError extends ActivityFailedError {
  readonly url: string
  constructor(message: string, url: string) {
    super(message)
    this.name = 'PrometheusUnreachable'
    this.url = url
  }
}

/**
 * A small client for Prometheus's HTTP API (GET only: queries are read-only), on the engine's HTTP
 * stack. The probes use `get` to keep the reference's parameters and failure texts; `json` reads a
 * successful answer.
 */
export class PrometheusClient {
  readonly endpoint: PrometheusEndpoint
  private readonly options: PrometheusClientOptions

  constructor(options: PrometheusClientOptions) {
    this.endpoint = options.endpoint
    this.options = options
  }

  /** `base + path` (as the reference joins them), with the parameters in the order given. */
  url(path: string, params: [string, string][]): URL {
    let url: URL | undefined
    try {
      url = new URL(`${this.endpoint.baseUrl}${path}`)
    } catch {
      url = undefined
    }
    // "localhost:9090/…" parses, with "localhost:" as its scheme.
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new ActivityFailedError(
        `${this.endpoint.service.configKey} ${JSON.stringify(this.endpoint.baseUrl)} is not a URL: ` +
          `it needs a scheme and a host, e.g. ${this.endpoint.service.defaultUrl}`,
      )
    }
    for (const [name, value] of params) url.searchParams.append(name, value)
    return url
  }

  /** Sends a GET and returns the answer of any status; fails only when the server cannot be asked. */
  async get(path: string, params: [string, string][], readTimeoutMs?: number): Promise<PrometheusAnswer> {
    const first = this.url(path, params)
    let url = first
    for (let hop = 0; ; hop++) {
      const response = await this.send(url, first, readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS)
      const location = header(response, 'location')
      if (![301, 302, 303, 307, 308].includes(response.status) || location === undefined) {
        return { url: withoutCredentials(url), status: response.status, text: response.body.toString('utf8') }
      }
      if (hop >= MAX_REDIRECTS)
        throw new PrometheusUnreachableError(
          `${this.endpoint.service.name} at ${withoutCredentials(first)} redirected more than ${MAX_REDIRECTS} times`,
          withoutCredentials(first),
        )
      url = new URL(location, url)
    }
  }

  /** The JSON of an answer; an answer that is not JSON is a clear failure, not a parse error. */
  json(answer: PrometheusAnswer): unknown {
    try {
      return JSON.parse(answer.text)
    } catch {
      const snippet = answer.text.length > 200 ? `${answer.text.slice(0, 200)}…` : answer.text
      const { configKey, name } = this.endpoint.service
      throw new ActivityFailedError(
        `${answer.url} answered HTTP ${answer.status} but not with JSON: is ${configKey} ` +
          `(${withoutCredentials(this.url('', []))}) a ${name} server? The answer began: ${JSON.stringify(snippet)}`,
      )
    }
  }

  private async send(url: URL, first: URL, readTimeoutMs: number): Promise<HttpResponse> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Encoding': 'gzip, deflate',
      'User-Agent': 'steadystate-prometheus',
    }
    // Like `requests`, credentials go only to the host they were meant for, not to a redirect's.
    if (this.options.auth !== undefined && url.host === first.host)
      headers.Authorization = authorizationHeader(this.options.auth)
    try {
      return await sendOnce({
        url,
        method: 'GET',
        headers,
        body: undefined,
        connectTimeoutMs: CONNECT_TIMEOUT_MS,
        readTimeoutMs,
        verifyTls: this.options.verifyTls !== false,
        signal: this.options.signal,
      })
    } catch (error) {
      if (!(error instanceof HttpRequestError)) throw error
      throw new PrometheusUnreachableError(this.unreachable(url, error.message), withoutCredentials(url))
    }
  }

  private unreachable(url: URL, reason: string): string {
    const { configKey, defaultUrl, name } = this.endpoint.service
    const where = this.endpoint.fromDefault
      ? ` (the configuration has no ${configKey}, so the default ${defaultUrl} was used)`
      : ''
    return `could not reach ${name} at ${withoutCredentials(url)}: ${reason}${where}`
  }
}

function header(response: HttpResponse, name: string): string | undefined {
  const key = Object.keys(response.headers).find((candidate) => candidate.toLowerCase() === name)
  return key === undefined ? undefined : response.headers[key]
}

/** The URL for messages and journals: user:password@ in a base URL stays out of both. */
export function withoutCredentials(url: URL): string {
  if (url.username === '' && url.password === '') return url.toString()
  const copy = new URL(url.toString())
  copy.username = ''
  copy.password = ''
  return copy.toString()
}
