import { declared } from '../../test-support/providers.ts'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { httpProvider } from './http.ts'
import { testContext } from '../../test-support/provider-context.ts'

let server: Server
let base: string

async function readBody(request: IncomingMessage): Promise<string> {
  let body = ''
  for await (const chunk of request) body += String(chunk)
  return body
}

beforeAll(async () => {
  server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const url = new URL(request.url ?? '/', 'http://x')
      if (url.pathname === '/json') {
        response.writeHead(200, { 'Content-Type': 'application/json', 'X-Custom-Case': 'yes' })
        response.end('{"ready": true}')
      } else if (url.pathname === '/charset') {
        response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' })
        response.end('{"ready": true}')
      } else if (url.pathname === '/slow') {
        setTimeout(() => response.end('late'), 2_000)
      } else if (url.pathname === '/redirect') {
        response.writeHead(302, { Location: '/json' })
        response.end()
      } else {
        response.writeHead(503, { 'Content-Type': 'text/plain' })
        response.end(
          JSON.stringify({
            method: request.method,
            query: url.search,
            body,
            type: request.headers['content-type'] ?? null,
          }),
        )
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => {
  server.close()
})

describe('http provider', () => {
  it('parses the body as JSON only for exactly application/json, and keeps header case', async () => {
    const json = (await httpProvider.run(declared.http({ url: `${base}/json` }), testContext())) as Record<
      string,
      unknown
    >
    expect(json.status).toBe(200)
    expect(json.body).toEqual({ ready: true })
    expect(json.headers).toMatchObject({ 'Content-Type': 'application/json', 'X-Custom-Case': 'yes' })
    const charset = (await httpProvider.run(
      declared.http({ url: `${base}/charset` }),
      testContext(),
    )) as Record<string, unknown>
    expect(charset.body).toBe('{"ready": true}')
  })
  it('treats 5xx as a result and sends GET arguments as the query string', async () => {
    const output = (await httpProvider.run(
      declared.http({ url: `${base}/echo`, arguments: { a: 1, b: [true, 'x'] } }),
      testContext(),
    )) as Record<string, unknown>
    expect(output.status).toBe(503)
    expect(JSON.parse(String(output.body))).toMatchObject({ method: 'GET', query: '?a=1&b=True&b=x' })
  })
  it('sends JSON when the request says application/json, a form otherwise', async () => {
    const asJson = (await httpProvider.run(
      declared.http({
        url: `${base}/echo`,
        method: 'post',
        headers: { 'Content-Type': 'application/json' },
        arguments: { a: [1] },
      }),
      testContext(),
    )) as Record<string, unknown>
    expect(JSON.parse(String(asJson.body))).toMatchObject({
      method: 'POST',
      body: '{"a":[1]}',
      type: 'application/json',
    })
    const asForm = (await httpProvider.run(
      declared.http({ url: `${base}/echo`, method: 'POST', arguments: { a: 'x y' } }),
      testContext(),
    )) as Record<string, unknown>
    expect(JSON.parse(String(asForm.body))).toMatchObject({
      body: 'a=x+y',
      type: 'application/x-www-form-urlencoded',
    })
  })
  it('follows redirects', async () => {
    const output = (await httpProvider.run(
      declared.http({ url: `${base}/redirect` }),
      testContext(),
    )) as Record<string, unknown>
    expect(output.body).toEqual({ ready: true })
  })
  it('lets a kept-alive socket serve many requests with a timeout without piling up timers', async () => {
    const warnings: string[] = []
    const onWarning = (warning: Error): void => {
      warnings.push(warning.name)
    }
    process.on('warning', onWarning)
    try {
      for (let request = 0; request < 15; request++) {
        const output = (await httpProvider.run(
          declared.http({ url: `${base}/json`, timeout: 5 }),
          testContext(),
        )) as {
          status: number
        }
        expect(output.status).toBe(200)
      }
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve))
    } finally {
      process.off('warning', onWarning)
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning')
  })
  it('fails on timeout and on refused connections, naming the URL', async () => {
    await expect(
      httpProvider.run(declared.http({ url: `${base}/slow`, timeout: 0.2 }), testContext()),
    ).rejects.toThrow(/activity took too long to complete/)
    await expect(
      httpProvider.run(declared.http({ url: 'http://127.0.0.1:1/' }), testContext()),
    ).rejects.toThrow(/failed to connect to http:\/\/127.0.0.1:1\//)
  })
  it('validates the URL, headers and timeout', async () => {
    const context = { env: {}, cwd: '/', activityName: 'a', activityType: 'probe' as const }
    const issues = await httpProvider.validate(declared.http({ headers: [1], timeout: 'x' }), 'p', context)
    expect(issues.map((i) => i.message)).toEqual([
      'a HTTP activity must have a URL',
      'a HTTP activities expect headers as a mapping',
      'HTTP timeout must be a positive, finite number of seconds or a [connect, read] pair of them (got "x")',
    ])
  })
  it('accepts verify_tls as a string, as the reference does, warning that it verifies TLS', async () => {
    const context = { env: {}, cwd: '/', activityName: 'a', activityType: 'probe' as const }
    const provider = declared.http({ url: base, verify_tls: '${verify}' })
    expect(provider.kind === 'http' && provider.verifyTls).toBe(true)
    expect(await httpProvider.validate(provider, 'p', context)).toEqual([
      {
        path: 'p.verify_tls',
        message:
          'verify_tls is "${verify}", not true or false, and is never substituted: TLS is verified (the Chaos Toolkit aborts the run at an https URL)',
        severity: 'warning',
      },
    ])
  })
  it('refuses timeouts that are not finite or not positive, with the JSON path, also once substituted', async () => {
    const context = { env: {}, cwd: '/', activityName: 'a', activityType: 'probe' as const }
    for (const timeout of [Infinity, -1, 0, [1, Infinity], [NaN, 2]]) {
      const issues = await httpProvider.validate(
        declared.http({ url: base, timeout }),
        'method[0].provider',
        context,
      )
      expect(issues).toEqual([
        expect.objectContaining({ path: 'method[0].provider.timeout', severity: 'error' }),
      ])
    }
    await expect(httpProvider.run(declared.http({ url: base, timeout: -5 }), testContext())).rejects.toThrow(
      'HTTP timeout must be a positive, finite number of seconds or a [connect, read] pair of them (got -5)',
    )
  })
  it('waits beyond the 24.8 days a node timer can hold: a huge timeout does not fire at once', async () => {
    const output = (await httpProvider.run(
      declared.http({ url: `${base}/json`, timeout: [3e6, 3e6] }),
      testContext(),
    )) as {
      status: number
    }
    expect(output.status).toBe(200)
  })
})

describe('a response the server sends more bytes after', () => {
  let raw: NetServer
  let rawUrl: string
  beforeAll(async () => {
    // HTTP/1.0, a 204 with a Content-Length and a body all the same: Node's parser calls the extra
    // bytes an error, `requests` ignores them.
    raw = createNetServer((socket) => {
      socket.once('data', () => {
        socket.end('HTTP/1.0 204 No Content\r\nContent-Type: text/plain\r\nContent-Length: 7\r\n\r\nignored')
      })
    })
    await new Promise<void>((listening) => raw.listen(0, '127.0.0.1', listening))
    rawUrl = `http://127.0.0.1:${(raw.address() as AddressInfo).port}/`
  })
  afterAll(() => new Promise<void>((closed) => raw.close(() => closed())))

  it('keeps the complete 204 response, with an empty body, as the reference does', async () => {
    expect(await httpProvider.run(declared.http({ url: rawUrl }), testContext())).toEqual({
      status: 204,
      headers: { 'Content-Type': 'text/plain', 'Content-Length': '7' },
      body: '',
    })
  })
})
