import type { IncomingMessage } from 'node:http'
import type * as Zlib from 'node:zlib'
import { setLongTimeout, type LongTimer } from '../timers.ts'
import { SteadystateError, errorMessage } from '../errors.ts'

export interface HttpRequest {
  url: URL
  method: string
  headers: Record<string, string>
  body: Buffer | undefined
  connectTimeoutMs: number | undefined
  readTimeoutMs: number | undefined
  verifyTls: boolean
  signal: AbortSignal
}

export interface HttpResponse {
  status: number
  /** Header names as the server sent them (duplicates joined with ", ", as `requests` does). */
  headers: Record<string, string>
  contentType: string | undefined
  body: Buffer
}

export type HttpFailure =
  | { kind: 'connect'; message: string }
  | { kind: 'timeout'; message: string }
  | { kind: 'aborted'; message: string }
  | { kind: 'other'; message: string }

/** An HTTP exchange that failed before an answer came (the http provider words it per kind). */
export class HttpRequestError extends SteadystateError {
  readonly failure: HttpFailure
  constructor(failure: HttpFailure) {
    super('HTTP_REQUEST_FAILED', failure.message)
    this.name = 'HttpRequestError'
    this.failure = failure
  }
}

const MAX_BODY_BYTES = 32 * 1024 * 1024

/**
 * One HTTP exchange on node:http, keeping the server's header case (fetch would lowercase it). The
 * HTTP stack is imported on first use: loading TLS and zlib costs process-only runs ~10 ms.
 */
export async function sendOnce(spec: HttpRequest): Promise<HttpResponse> {
  const send =
    spec.url.protocol === 'https:'
      ? (await import('node:https')).request
      : (await import('node:http')).request
  const zlib = await import('node:zlib')
  return new Promise((resolve, reject) => {
    const fail = (failure: HttpFailure): void => {
      stopTimers()
      req.destroy()
      reject(new HttpRequestError(failure))
    }
    const req = send(spec.url, {
      method: spec.method,
      headers: spec.headers,
      rejectUnauthorized: spec.verifyTls,
      signal: spec.signal,
    })
    let connected = false
    const connectTimer =
      spec.connectTimeoutMs === undefined
        ? undefined
        : setLongTimeout(() => {
            if (!connected)
              fail({ kind: 'timeout', message: `no connection within ${spec.connectTimeoutMs} ms` })
          }, spec.connectTimeoutMs)
    // The read timeout is `requests`' idea of it: at most this long without a byte from the server.
    // Our own timer rather than socket.setTimeout, which cannot wait longer than ~24.8 days.
    let readTimer: LongTimer | undefined
    const waitForData = (): void => {
      readTimer?.clear()
      if (spec.readTimeoutMs === undefined) return
      readTimer = setLongTimeout(
        () => fail({ kind: 'timeout', message: `no data for ${spec.readTimeoutMs} ms` }),
        spec.readTimeoutMs,
      )
    }
    const stopTimers = (): void => {
      connectTimer?.clear()
      readTimer?.clear()
    }
    req.on('socket', (socket) => {
      const onConnected = (): void => {
        connected = true
        connectTimer?.clear()
        waitForData()
      }
      if ((socket as { connecting?: boolean }).connecting === false) onConnected()
      else socket.once(spec.url.protocol === 'https:' ? 'secureConnect' : 'connect', onConnected)
    })
    let response: IncomingMessage | undefined
    req.on('error', (error: NodeJS.ErrnoException) => {
      // Bytes after a complete response (a 204 that carries a body all the same): the response is
      // what `requests` keeps too, and the connection closes anyway.
      if (response?.complete === true) return
      stopTimers()
      if (error.name === 'AbortError')
        reject(new HttpRequestError({ kind: 'aborted', message: 'the run was interrupted' }))
      else if (!connected) reject(new HttpRequestError({ kind: 'connect', message: error.message }))
      else reject(new HttpRequestError({ kind: 'other', message: error.message }))
    })
    req.on('response', (received) => {
      response = received
      waitForData()
      received.on('data', waitForData)
      readBody(received, zlib).then(
        (body) => {
          stopTimers()
          resolve({
            status: received.statusCode ?? 0,
            headers: rawHeaders(received.rawHeaders),
            contentType: received.headers['content-type'],
            body,
          })
        },
        (error: unknown) => {
          stopTimers()
          reject(
            new HttpRequestError({
              kind: 'other',
              message: errorMessage(error),
            }),
          )
        },
      )
    })
    req.end(spec.body)
  })
}

function rawHeaders(raw: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  const canonical = new Map<string, string>()
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index] ?? ''
    const value = raw[index + 1] ?? ''
    const existing = canonical.get(name.toLowerCase())
    if (existing === undefined) {
      canonical.set(name.toLowerCase(), name)
      out[name] = value
    } else {
      out[existing] = `${out[existing] ?? ''}, ${value}`
    }
  }
  return out
}

function readBody(response: IncomingMessage, zlib: typeof Zlib): Promise<Buffer> {
  const encoding = (response.headers['content-encoding'] ?? '').toLowerCase()
  const decoder =
    encoding === 'gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : undefined
  const stream = decoder === undefined ? response : response.pipe(decoder)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        response.destroy()
        reject(new Error(`response body larger than ${MAX_BODY_BYTES} bytes`))
        return
      }
      chunks.push(chunk)
    })
    stream.on('end', () => resolve(Buffer.concat(chunks)))
    stream.on('error', reject)
    response.on('error', reject)
  })
}
