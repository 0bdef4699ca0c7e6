import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callProbe } from '../../test-support/prometheus.ts'
import { PROMETHEUS_SERVICE, PrometheusClient, endpointFrom } from './prometheus-client.ts'

describe('endpointFrom', () => {
  it('reads prometheus_base_url, or says the default was used', () => {
    expect(endpointFrom({ prometheus_base_url: 'http://prom:9090' })).toEqual({
      baseUrl: 'http://prom:9090',
      fromDefault: false,
      service: PROMETHEUS_SERVICE,
    })
    expect(endpointFrom({})).toEqual({
      baseUrl: 'http://localhost:9090',
      fromDefault: true,
      service: PROMETHEUS_SERVICE,
    })
  })
})

describe('PrometheusClient', () => {
  it('says when the URL it could not reach was the default, not a configured one', async () => {
    const client = new PrometheusClient({
      endpoint: { baseUrl: 'http://127.0.0.1:9', fromDefault: true, service: PROMETHEUS_SERVICE },
      signal: new AbortController().signal,
    })
    await expect(client.get('/api/v1/query', [['query', 'up']])).rejects.toThrow(
      'could not reach Prometheus at http://127.0.0.1:9/api/v1/query?query=up: connect ECONNREFUSED 127.0.0.1:9 ' +
        '(the configuration has no prometheus_base_url, so the default http://localhost:9090 was used)',
    )
  })

  it('refuses a base URL without a scheme, saying what one looks like', () => {
    const client = new PrometheusClient({
      endpoint: { baseUrl: 'localhost:9090', fromDefault: false, service: PROMETHEUS_SERVICE },
      signal: new AbortController().signal,
    })
    expect(() => client.url('/api/v1/query', [])).toThrow(
      'prometheus_base_url "localhost:9090" is not a URL: it needs a scheme and a host, e.g. http://localhost:9090',
    )
  })
})

describe('TLS (verify_tls)', () => {
  let server: Server
  let url: string
  const dir = mkdtempSync(join(tmpdir(), 'steadystate-prometheus-tls-'))

  beforeAll(async () => {
    // A self-signed certificate, made here so no key is ever committed.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    )
    server = createServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' })
        response.end('{"status":"success","data":{"resultType":"vector","result":[]}}')
      },
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => {
    server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('checks the certificate by default, and not with verify_tls: false', async () => {
    await expect(
      callProbe('query', { query: 'up' }, { configuration: { prometheus_base_url: url } }),
    ).rejects.toThrow(
      /could not reach Prometheus at https:\/\/127\.0\.0\.1:\d+\/api\/v1\/query\?query=up: self[- ]signed certificate/,
    )
    const output = await callProbe(
      'query',
      { query: 'up', verify_tls: false },
      { configuration: { prometheus_base_url: url } },
    )
    expect(output).toEqual({ status: 'success', data: { resultType: 'vector', result: [] } })
  })
})
