import { KubeConfig } from '@kubernetes/client-node'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { errorMessage } from '@steadystate/core'
import { afterEach, describe, expect, it } from 'vitest'
import { KubernetesApiError } from './errors.ts'
import { KubeClient } from './rest.ts'

const instant = { baseMs: 10, maxMs: 50, random: () => 0.5 }
let server: Server | undefined

function client(port: number, logs: string[] = []): KubeClient {
  const config = new KubeConfig()
  config.loadFromOptions({
    clusters: [{ name: 'c', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'u', token: 'secret-token' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  })
  return new KubeClient(config, (message) => logs.push(message), instant)
}

async function serve(handler: (count: number) => { status: number; body: unknown }): Promise<number> {
  let count = 0
  server = createServer((request, response) => {
    const { status, body } = handler(++count)
    response.writeHead(status, { 'Content-Type': 'application/json' })
    response.end(JSON.stringify({ ...(body as object), auth: request.headers.authorization }))
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  return (server?.address() as AddressInfo).port
}

afterEach(() => {
  server?.close()
  server = undefined
})

describe('KubeClient', () => {
  it('retries 429 and 5xx with backoff, then returns the answer, authenticated', async () => {
    const port = await serve((n) =>
      n < 3
        ? { status: n === 1 ? 429 : 503, body: { reason: 'TooManyRequests', message: 'slow down' } }
        : { status: 200, body: { ok: true } },
    )
    const logs: string[] = []
    const answer = await client(port, logs).request<{ ok: boolean; auth: string }>('GET', '/api', {
      signal: AbortSignal.timeout(5000),
    })
    expect(answer).toEqual({ ok: true, auth: 'Bearer secret-token' })
    expect(logs).toHaveLength(2)
    expect(logs[0]).toMatch(/Kubernetes API not available \(429 TooManyRequests\); retrying in/)
  })

  it('gives the last refusal when the deadline passes with a retry in flight, not just "deadline passed"', async () => {
    let count = 0
    server = createServer((_request, response) => {
      // The first answer refuses (a disruption budget); the retry never gets one (a slow server).
      if (++count > 1) return
      response.writeHead(429, { 'Content-Type': 'application/json' })
      response.end(
        JSON.stringify({ reason: 'TooManyRequests', message: 'would violate the disruption budget' }),
      )
    })
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    const port = (server?.address() as AddressInfo).port
    const error = await client(port)
      .request('POST', '/api/v1/namespaces/a/pods/p/eviction', { signal: AbortSignal.timeout(500) })
      .catch((e: unknown) => e)
    expect(count).toBe(2)
    expect(error).toBeInstanceOf(KubernetesApiError)
    expect(error).toMatchObject({ status: 429 })
    expect(errorMessage(error)).toMatch(/429 TooManyRequests: would violate the disruption budget/)
  })

  it('does not retry a 403, and says which permission is missing', async () => {
    const port = await serve(() => ({
      status: 403,
      body: { reason: 'Forbidden', message: 'pods is forbidden: User "x" cannot list' },
    }))
    const error = await client(port)
      .request('GET', '/api/v1/namespaces/a/pods', { signal: AbortSignal.timeout(5000) })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(KubernetesApiError)
    expect(errorMessage(error)).toMatch(
      /GET \/api\/v1\/namespaces\/a\/pods failed: 403 Forbidden: pods is forbidden.*deploy\/rbac/,
    )
  })

  it('keeps retrying while the API server is down, until it is back', async () => {
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const port = (probe.address() as AddressInfo).port
    probe.close()
    const logs: string[] = []
    const pending = client(port, logs).request<{ ok: boolean }>('GET', '/version', {
      signal: AbortSignal.timeout(10_000),
    })
    setTimeout(() => {
      server = createServer((_request, response) => response.end('{"ok":true}'))
      server.listen(port, '127.0.0.1')
    }, 300)
    expect(await pending).toEqual({ ok: true })
    expect(logs.some((line) => line.includes('ECONNREFUSED'))).toBe(true)
  })

  it('gives up at the deadline with the reason', async () => {
    const port = await serve(() => ({
      status: 503,
      body: { reason: 'ServiceUnavailable', message: 'starting' },
    }))
    // Long enough for a first answer on a loaded machine: the reason is the last one the server gave.
    await expect(client(port).request('GET', '/api', { signal: AbortSignal.timeout(5_000) })).rejects.toThrow(
      /503 ServiceUnavailable/,
    )
  })
})
