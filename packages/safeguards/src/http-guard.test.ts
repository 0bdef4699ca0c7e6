import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ModuleRegistry, normalizeProvider, ProviderRegistry } from '@steadystate/core'
import type { JsonObject, JsonValue } from '@steadystate/model'
import { safeguardModules } from './index.ts'

/** What the guard endpoint answers, by path. */
const ROUTES: Record<string, { status: number; body: string; headers?: Record<string, string> }> = {
  '/ok': { status: 200, body: '{"ok": true}' },
  '/stop': { status: 200, body: '{"ok": false, "error": "incident 4711 in progress"}' },
  '/truthy': { status: 200, body: '{"ok": 1}' },
  '/no-ok': { status: 200, body: '{"status": "fine"}' },
  '/list': { status: 200, body: '[true]' },
  '/down': { status: 503, body: '{"ok": true}' },
  '/moved': { status: 302, body: '', headers: { Location: '/ok' } },
  '/html': { status: 200, body: '<html>login</html>' },
}

describe('steadystate.safeguards.http.endpoint_says_ok', () => {
  let server: Server
  let base: string
  const authorizations: (string | undefined)[] = []
  beforeAll(async () => {
    server = createServer((request, response) => {
      authorizations.push(request.headers.authorization)
      const route = ROUTES[(request.url ?? '').split('?')[0] ?? '']
      // Any other path never answers: the guard's timeout must end the wait.
      if (route === undefined) return
      response.writeHead(route.status, { 'Content-Type': 'application/json', ...route.headers })
      response.end(route.body)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  /** Runs the guard as an experiment's python provider would, collecting its log lines. */
  async function guard(args: Record<string, unknown>): Promise<{ output: JsonValue; logs: string[] }> {
    const modules = new ModuleRegistry()
    for (const definition of safeguardModules()) modules.register(definition)
    const registry = new ProviderRegistry(modules)
    const python = registry.bind(
      normalizeProvider({
        type: 'python',
        module: 'steadystate.safeguards.http',
        func: 'endpoint_says_ok',
        arguments: args as JsonObject,
      }),
    )
    if (python === undefined) throw new Error('the engine has no python provider')
    const logs: string[] = []
    const output = await python.run({
      activityName: 'guard',
      activityType: 'probe',
      configuration: {},
      secrets: {},
      env: process.env,
      cwd: process.cwd(),
      signal: new AbortController().signal,
      log: { info: (message) => logs.push(message), warn: (message) => logs.push(message) },
      measure: () => undefined,
      defer: () => undefined,
      resources: registry.resources,
    })
    return { output, logs }
  }

  it('is true only for HTTP 200 with {"ok": true}', async () => {
    expect(await guard({ url: `${base}/ok` })).toEqual({ output: true, logs: [] })
  })

  it('is false for every other answer, saying why in the log', async () => {
    const cases: [string, string][] = [
      ['/stop', 'incident 4711 in progress'],
      ['/truthy', '"ok" is 1'],
      ['/no-ok', '"ok" is null'],
      ['/list', 'it answered [true], not {"ok": true}'],
      ['/down', 'it answered HTTP 503'],
      ['/moved', 'it answered HTTP 302 (redirects are not followed)'],
    ]
    for (const [path, reason] of cases) {
      expect(await guard({ url: `${base}${path}?token=s3cret` }), path).toEqual({
        output: false,
        logs: [`the guard endpoint ${base}${path} says stop: ${reason}`],
      })
    }
  })

  it('fails (which stops a safeguard) when there is no usable answer', async () => {
    await expect(guard({ url: `${base}/hangs`, timeout: 0.3 })).rejects.toThrow(
      `the guard endpoint ${base}/hangs did not answer: no answer within 0.3 s`,
    )
    await expect(guard({ url: 'http://127.0.0.1:9/ok' })).rejects.toThrow(
      'the guard endpoint http://127.0.0.1:9/ok did not answer: connect ECONNREFUSED 127.0.0.1:9',
    )
    await expect(guard({ url: `${base}/html` })).rejects.toThrow(
      'the guard endpoint answered HTTP 200 but not with JSON (a guard answers {"ok": true}); it began: "<html>login</html>"',
    )
    await expect(guard({ url: 'ftp://example.com/' })).rejects.toThrow(
      'url "ftp://example.com/" is not an http(s) URL',
    )
    await expect(guard({ url: `${base}/ok`, timeout: 'soon' })).rejects.toThrow(
      'timeout "soon" must be a positive number of seconds',
    )
  })

  it('sends auth as the Authorization header, and extra headers', async () => {
    await guard({ url: `${base}/ok`, auth: 'Bearer guard-token', headers: { 'X-Team': 'sre' } })
    expect(authorizations.at(-1)).toBe('Bearer guard-token')
  })
})
