import { createServer, type Server, type Socket } from 'node:net'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The small HTTP service the `http-*` reference runs talk to (test/fixtures/conformance). It answers
 * as the service they were recorded against did, a Python `http.server`: HTTP/1.0, one request per
 * connection, headers Server, Date, Content-Type and Content-Length and nothing else, so that the
 * outputs steadystate records (status, headers, body) compare with the reference's field by field.
 * A raw socket, not node:http, which would add Connection and Keep-Alive headers.
 *
 *   GET  /health   200 application/json {"status": "ok", "replicas": 3}
 *   GET  /flaky    200 "fine", or 503 "broken" after POST /break, until POST /repair
 *   POST /break, POST /repair   200 text/plain "break" / "repair"
 *   GET  /latin1   200 text/plain; charset=iso-8859-1, "café ünd ÿ" in ISO-8859-1 bytes
 *   GET  /text-utf8   200 text/plain (no charset), "café" in UTF-8 bytes
 *   GET  /no-content   204 with a body all the same ("ignored"), which clients must not read
 *   anything else  404 "no such path"
 *
 * Also a script, for recording the reference runs with `chaos run`:
 *   node test/support/http-fixture.ts [PORT]   (Node 22.18+, which runs TypeScript as is; PORT
 *   defaults to 18931, the experiments' default URL; 0 picks a free port)
 */
export interface HttpFixture {
  /** e.g. http://127.0.0.1:40123, the value of the reference experiments' FIXTURE_URL. */
  url: string
  close(): Promise<void>
}

interface Answer {
  status: 200 | 204 | 404 | 503
  contentType: string
  body: string | Buffer
}

const REASONS = { 200: 'OK', 204: 'No Content', 404: 'Not Found', 503: 'Service Unavailable' } as const

function route(method: string, path: string, state: { broken: boolean }): Answer {
  const text = (status: Answer['status'], body: string): Answer => ({
    status,
    contentType: 'text/plain',
    body,
  })
  if (method === 'GET' && path === '/health')
    return { status: 200, contentType: 'application/json', body: '{"status": "ok", "replicas": 3}' }
  if (method === 'GET' && path === '/flaky') return state.broken ? text(503, 'broken') : text(200, 'fine')
  if (method === 'POST' && (path === '/break' || path === '/repair')) {
    state.broken = path === '/break'
    return text(200, path.slice(1))
  }
  if (method === 'GET' && path === '/latin1')
    return {
      status: 200,
      contentType: 'text/plain; charset=iso-8859-1',
      body: Buffer.from('café ünd ÿ\n', 'latin1'),
    }
  if (method === 'GET' && path === '/text-utf8') return text(200, 'café\n')
  if (method === 'GET' && path === '/no-content') return text(204, 'ignored')
  return text(404, 'no such path')
}

function respond(socket: Socket, answer: Answer): void {
  const body = Buffer.from(answer.body)
  const head = [
    `HTTP/1.0 ${answer.status} ${REASONS[answer.status]}`,
    'Server: steadystate-http-fixture',
    `Date: ${new Date().toUTCString()}`,
    `Content-Type: ${answer.contentType}`,
    `Content-Length: ${body.length}`,
  ]
  socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), body]))
}

/** Reads one request (line, headers, a Content-Length body) from the socket, then answers it. */
function serve(socket: Socket, state: { broken: boolean }): void {
  let received = Buffer.alloc(0)
  socket.on('error', () => socket.destroy())
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk])
    const headEnd = received.indexOf('\r\n\r\n')
    if (headEnd < 0) return
    const [requestLine = '', ...headers] = received.subarray(0, headEnd).toString('latin1').split('\r\n')
    const length = headers
      .map((line) => /^content-length:\s*(\d+)\s*$/i.exec(line)?.[1])
      .find((value) => value !== undefined)
    if (received.length < headEnd + 4 + Number(length ?? 0)) return
    socket.removeAllListeners('data')
    const [method = '', target = ''] = requestLine.split(' ')
    respond(socket, route(method, new URL(target, 'http://fixture').pathname, state))
  })
}

/** Starts the service on 127.0.0.1; port 0 (the default) picks a free port. */
export async function startHttpFixture(port = 0): Promise<HttpFixture> {
  const state = { broken: false }
  const server: Server = createServer((socket) => serve(socket, state))
  await new Promise<void>((listening, failed) => {
    server.once('error', failed)
    server.listen(port, '127.0.0.1', listening)
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the HTTP fixture has no TCP port')
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((closed) => server.close(() => closed())),
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const fixture = await startHttpFixture(Number(process.argv[2] ?? 18931))
  process.stdout.write(`HTTP fixture on ${fixture.url}\n`)
}
