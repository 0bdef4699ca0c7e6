import {
  ActivityFailedError,
  HttpRequestError,
  sendOnce,
  withDeadline,
  type HttpResponse,
  type ModuleDryRunImpl,
  type ModuleFunctionImpl,
} from '@steadystate/core'

/** httpx's default, which chaosreliably's prechecks use: a guard must answer quickly. */
const DEFAULT_TIMEOUT_SECONDS = 5

/**
 * `steadystate.safeguards.http.endpoint_says_ok`: a GET of `url`, as chaosreliably's prechecks
 * (`call_endpoint`) do. True only when the answer is HTTP 200 with a JSON object whose `ok` is
 * `true`. Any other answer (another status, redirects not followed; `"ok": false` or missing) is
 * false, and its `error` (or the status) goes to the log. No answer within `timeout` seconds, an
 * unreachable endpoint and a 200 that is not JSON fail the probe: a safeguard that cannot tell
 * stops the run.
 */
export const endpointSaysOk: ModuleFunctionImpl = async (args, context) => {
  const url = guardUrl(args.url)
  const seconds = timeoutSeconds(args.timeout)
  const deadline = withDeadline(context.signal, seconds * 1000)
  let response: HttpResponse
  try {
    response = await sendOnce({
      url,
      method: 'GET',
      headers: requestHeaders(args),
      body: undefined,
      connectTimeoutMs: seconds * 1000,
      readTimeoutMs: seconds * 1000,
      verifyTls: args.verify_tls !== false,
      signal: deadline.signal,
    })
  } catch (error) {
    if (!(error instanceof HttpRequestError)) throw error
    const reason =
      deadline.signal.aborted && !context.signal.aborted ? `no answer within ${seconds} s` : error.message
    throw new ActivityFailedError(`the guard endpoint ${shown(url)} did not answer: ${reason}`)
  } finally {
    deadline.clear()
  }
  const verdict = judge(response)
  if (verdict.ok) return true
  context.log.warn(`the guard endpoint ${shown(url)} says stop: ${verdict.reason}`)
  return false
}

type Verdict = { ok: true } | { ok: false; reason: string }

function judge(response: HttpResponse): Verdict {
  if (response.status !== 200) {
    const redirect = response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : ''
    return { ok: false, reason: `it answered HTTP ${response.status}${redirect}` }
  }
  const text = response.body.toString('utf8')
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new ActivityFailedError(
      `the guard endpoint answered HTTP 200 but not with JSON (a guard answers {"ok": true}); it began: ` +
        JSON.stringify(text.slice(0, 120)),
    )
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return {
      ok: false,
      reason: `it answered ${JSON.stringify(body)?.slice(0, 120) ?? 'nothing'}, not {"ok": true}`,
    }
  const { ok, error } = body as { ok?: unknown; error?: unknown }
  if (ok === true) return { ok: true }
  const said = typeof error === 'string' && error !== '' ? error : `"ok" is ${JSON.stringify(ok ?? null)}`
  return { ok: false, reason: said }
}

function guardUrl(value: unknown): URL {
  let url: URL | undefined
  try {
    url = typeof value === 'string' ? new URL(value) : undefined
  } catch {
    url = undefined
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new ActivityFailedError(`url ${JSON.stringify(value)} is not an http(s) URL`)
  return url
}

function timeoutSeconds(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_TIMEOUT_SECONDS
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value
  throw new ActivityFailedError(`timeout ${JSON.stringify(value)} must be a positive number of seconds`)
}

function requestHeaders(args: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'steadystate-guard' }
  const extra = args.headers
  if (extra !== undefined && extra !== null) {
    if (typeof extra !== 'object' || Array.isArray(extra))
      throw new ActivityFailedError('headers must be a mapping of header names to values')
    for (const [name, value] of Object.entries(extra)) {
      if (typeof value !== 'string') throw new ActivityFailedError(`headers.${name} must be a string`)
      headers[name] = value
    }
  }
  if (typeof args.auth === 'string' && args.auth !== '') headers.Authorization = args.auth
  return headers
}

/** The URL for messages: credentials and the query string (which may carry a token) left out. */
function shown(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`
}

export const describeEndpointGuard: ModuleDryRunImpl = (args) =>
  Promise.resolve(`would GET ${shown(guardUrl(args.url))} and stop unless it answers {"ok": true}`)
