import type { IncomingMessage } from 'node:http'

/** What loading an experiment needs of an HTTP answer, however it was fetched. */
export interface Download {
  status: number
  statusText: string
  /** The Content-Length the server announced; NaN when it announced none. */
  announcedBytes: number
  body: AsyncIterable<Uint8Array> | null
  cancel(): Promise<void>
}

export interface DownloadOptions {
  headers: Record<string, string>
  signal: AbortSignal
  /** false: the server's certificate is not checked (`--no-verify-tls`, as `requests`' verify=False). */
  verifyTls: boolean
}

/** As many redirects as `requests` would follow before giving up is 30; an experiment needs few. */
const MAX_REDIRECTS = 10

/**
 * GETs `url`. With certificate checks, through fetch; without, through node:http(s), whose
 * `rejectUnauthorized` fetch cannot be given without a dispatcher from a separate undici package.
 */
export async function download(url: string, options: DownloadOptions): Promise<Download> {
  if (options.verifyTls) {
    const response = await fetch(url, { headers: options.headers, signal: options.signal })
    return {
      status: response.status,
      statusText: response.statusText,
      announcedBytes: Number(response.headers.get('content-length') ?? Number.NaN),
      body: response.body,
      cancel: async () => {
        await response.body?.cancel()
      },
    }
  }
  return downloadUnverified(new URL(url), options, 0)
}

async function downloadUnverified(url: URL, options: DownloadOptions, redirects: number): Promise<Download> {
  const response = await requestOnce(url, options)
  const status = response.statusCode ?? 0
  const location = response.headers.location
  if (status >= 300 && status < 400 && location !== undefined) {
    response.resume()
    if (redirects >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`)
    return downloadUnverified(new URL(location, url), options, redirects + 1)
  }
  return {
    status,
    statusText: response.statusMessage ?? '',
    announcedBytes: Number(response.headers['content-length'] ?? Number.NaN),
    body: response,
    cancel: () => {
      response.destroy()
      return Promise.resolve()
    },
  }
}

async function requestOnce(url: URL, options: DownloadOptions): Promise<IncomingMessage> {
  const { request } = url.protocol === 'https:' ? await import('node:https') : await import('node:http')
  return new Promise((resolve, reject) => {
    const req = request(url, {
      headers: options.headers,
      rejectUnauthorized: false,
      signal: options.signal,
    })
    req.once('response', resolve)
    req.once('error', reject)
    req.end()
  })
}
