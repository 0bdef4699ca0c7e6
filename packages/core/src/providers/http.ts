import { isJsonObject, isMalformed, type HttpProvider, type JsonValue } from '@steadystate/model'
import { ActivityFailedError, type ValidationIssue } from '../errors.ts'
import { pyStr } from '../python.ts'
import { HttpRequestError, sendOnce, type HttpResponse } from './http-request.ts'
import { responseText } from './http-text.ts'
import type { ProviderContext, ProviderType } from './types.ts'
import { describeDuration } from '../timers.ts'
import { valueText } from '../text/value-text.ts'

const MAX_REDIRECTS = 30
const USER_AGENT = 'steadystate'

/**
 * The `http` provider: `{status, headers, body}`, with the body parsed as JSON only when the
 * response's Content-Type is exactly `application/json` (the reference's rule). 4xx/5xx are results,
 * not failures; connection errors and timeouts are. See docs/chaos-toolkit.md §1.
 */
export const httpProvider: ProviderType<HttpProvider> = {
  type: 'http',

  validate(provider, path) {
    const issues: ValidationIssue[] = []
    const url = provider.url
    if (isMalformed(url) || url === '') {
      issues.push({ path: `${path}.url`, message: 'a HTTP activity must have a URL', severity: 'error' })
    } else if (!url.includes('${') && !/^https?:\/\//i.test(url)) {
      issues.push({
        path: `${path}.url`,
        message: `URL '${url}' must start with http:// or https://`,
        severity: 'error',
      })
    }
    if (isMalformed(provider.headers)) {
      issues.push({
        path: `${path}.headers`,
        message: 'a HTTP activities expect headers as a mapping',
        severity: 'error',
      })
    }
    const verifyTls = provider.source.verify_tls
    if (verifyTls !== undefined && typeof verifyTls !== 'boolean') {
      issues.push({
        path: `${path}.verify_tls`,
        message: `verify_tls is ${JSON.stringify(verifyTls)}, not true or false, and is never substituted: TLS is verified (the Chaos Toolkit aborts the run at an https URL)`,
        severity: 'warning',
      })
    }
    const timeout = provider.timeout
    // A `${…}` template is judged once substituted.
    if (isMalformed(timeout) && !(typeof timeout.value === 'string' && timeout.value.startsWith('${'))) {
      issues.push({
        path: `${path}.timeout`,
        message: timeoutProblem(timeout.value),
        severity: 'error',
      })
    }
    return Promise.resolve(issues)
  },

  async run(provider, context) {
    const response = await sendWithRetries(provider, context)
    return {
      status: response.status,
      headers: response.headers,
      body: decodeBody(response),
    }
  },

  describe(provider) {
    return `http: ${(provider.method ?? 'GET').toUpperCase()} ${urlText(provider)}`
  },
}

/** The URL as a log shows it (what was written when it is not a string). */
function urlText(provider: HttpProvider): string {
  return isMalformed(provider.url) ? valueText(provider.url.value) : provider.url
}

function timeoutProblem(timeout: JsonValue | undefined): string {
  return `HTTP timeout must be a positive, finite number of seconds or a [connect, read] pair of them (got ${describeDuration(timeout)})`
}

function decodeBody(response: HttpResponse): JsonValue {
  const text = responseText(response.body, response.contentType)
  if (response.contentType === 'application/json') {
    try {
      return JSON.parse(text) as JsonValue
    } catch {
      return text
    }
  }
  return text
}

async function sendWithRetries(provider: HttpProvider, context: ProviderContext): Promise<HttpResponse> {
  const url = urlText(provider)
  const retries = provider.maxRetries
  for (let attempt = 0; ; attempt++) {
    try {
      return await sendFollowingRedirects(provider, context)
    } catch (error) {
      if (!(error instanceof HttpRequestError)) throw error
      const failure = error.failure
      if (failure.kind === 'connect' && attempt < retries) {
        context.log.warn(
          `could not connect to ${url} (${failure.message}); retry ${attempt + 1} of ${retries}`,
        )
        continue
      }
      switch (failure.kind) {
        case 'connect':
          throw new ActivityFailedError(`failed to connect to ${url}: ${failure.message}`)
        case 'timeout':
          throw new ActivityFailedError(`activity took too long to complete (${failure.message})`)
        case 'aborted':
          throw new ActivityFailedError(`request to ${url} stopped: the run was interrupted`)
        case 'other':
          throw new ActivityFailedError(`request to ${url} failed: ${failure.message}`)
      }
    }
  }
}

async function sendFollowingRedirects(
  provider: HttpProvider,
  context: ProviderContext,
): Promise<HttpResponse> {
  let url: URL
  try {
    url = new URL(urlText(provider))
  } catch {
    throw new ActivityFailedError(`'${urlText(provider)}' is not a valid URL`)
  }
  let method = (provider.method ?? 'GET').toUpperCase()
  const headers = stringHeaders(provider.headers)
  let body = encodeArguments(method, headers, provider.arguments, url)
  const [connectTimeoutMs, readTimeoutMs] = timeouts(provider.timeout)
  for (let hop = 0; ; hop++) {
    const response = await sendOnce({
      url,
      method,
      headers: { 'User-Agent': USER_AGENT, Accept: '*/*', 'Accept-Encoding': 'gzip, deflate', ...headers },
      body,
      connectTimeoutMs,
      readTimeoutMs,
      verifyTls: provider.verifyTls,
      signal: context.signal,
    })
    const location =
      response.headers[Object.keys(response.headers).find((k) => k.toLowerCase() === 'location') ?? '']
    if (![301, 302, 303, 307, 308].includes(response.status) || location === undefined || method === 'HEAD')
      return response
    if (hop >= MAX_REDIRECTS)
      throw new ActivityFailedError(`exceeded ${MAX_REDIRECTS} redirects from ${urlText(provider)}`)
    url = new URL(location, url)
    // Like `requests`: 303 (and 301/302 after a POST) turn into GET without a body.
    if (
      response.status === 303 ||
      ((response.status === 301 || response.status === 302) && method === 'POST')
    ) {
      method = 'GET'
      body = undefined
    }
  }
}

function stringHeaders(headers: HttpProvider['headers']): Record<string, string> {
  if (headers === undefined || isMalformed(headers)) return {}
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) out[name] = pyStr(value)
  return out
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name)
  return key === undefined ? undefined : headers[key]
}

/** GET: arguments become the query string; otherwise JSON iff Content-Type says so, else a form. */
export function encodeArguments(
  method: string,
  headers: Record<string, string>,
  args: JsonValue | undefined,
  url: URL,
): Buffer | undefined {
  if (args === undefined || args === null) return undefined
  if (method === 'GET') {
    if (isJsonObject(args)) {
      for (const [key, value] of Object.entries(args)) {
        for (const item of Array.isArray(value) ? value : [value]) {
          if (item !== null) url.searchParams.append(key, pyStr(item))
        }
      }
    }
    return undefined
  }
  if (headerValue(headers, 'content-type') === 'application/json') return Buffer.from(JSON.stringify(args))
  if (typeof args === 'string') return Buffer.from(args)
  if (isJsonObject(args)) {
    const form = new URLSearchParams()
    for (const [key, value] of Object.entries(args)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item !== null && item !== undefined) form.append(key, pyStr(item))
      }
    }
    if (headerValue(headers, 'content-type') === undefined)
      headers['Content-Type'] = 'application/x-www-form-urlencoded'
    return Buffer.from(form.toString())
  }
  return Buffer.from(JSON.stringify(args))
}

/** (connect, read) in milliseconds; a substituted `${…}` timeout is checked here, when it is known. */
function timeouts(timeout: HttpProvider['timeout']): [number | undefined, number | undefined] {
  if (timeout === undefined) return [undefined, undefined]
  if (typeof timeout === 'number') return [timeout * 1000, timeout * 1000]
  if (Array.isArray(timeout)) return [timeout[0] * 1000, timeout[1] * 1000]
  // The run's own rule since the first release: a null timeout is no timeout.
  if (timeout.value === null) return [undefined, undefined]
  throw new ActivityFailedError(timeoutProblem(timeout.value))
}
