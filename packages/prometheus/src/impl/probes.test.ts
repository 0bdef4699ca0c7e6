import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callProbe, sendJson, startApiDouble, type SeenRequest } from '../../test-support/prometheus.ts'

const VECTOR = {
  status: 'success',
  data: { resultType: 'vector', result: [{ metric: { __name__: 'up' }, value: [1700000000.1, '1'] }] },
}

let api: Awaited<ReturnType<typeof startApiDouble>>
let last: () => SeenRequest

beforeAll(async () => {
  api = await startApiDouble((request, response) => {
    if (request.path.startsWith('//')) {
      // What Prometheus does with the reference's "<base>/" + "/api/v1/query".
      response.writeHead(301, { Location: `${request.path.slice(1)}?${request.query.toString()}` })
      response.end()
    } else if (request.query.get('query') === 'up{') {
      sendJson(response, 400, { status: 'error', errorType: 'bad_data', error: 'parse error' })
    } else if (request.path === '/not-prometheus/api/v1/query') {
      response.writeHead(200, { 'Content-Type': 'text/html' })
      response.end('<html>login</html>')
    } else {
      sendJson(response, 200, VECTOR)
    }
  })
  last = () => api.seen.at(-1) as SeenRequest
})
afterAll(() => api.close())

describe('chaosprometheus.probes.query', () => {
  it("returns the API's JSON as is and sends `when` as maya's RFC 3339", async () => {
    const output = await callProbe(
      'query',
      { query: 'up', when: '2024-01-02T03:04:05.678Z', timeout: 5 },
      { configuration: { prometheus_base_url: api.url } },
    )
    expect(output).toEqual(VECTOR)
    expect(last().path).toBe('/api/v1/query')
    expect([...last().query]).toEqual([
      ['query', 'up'],
      ['timeout', '5'],
      ['time', '2024-01-02T03:04:05.6Z'],
    ])
  })

  it('follows the redirect a base URL with a trailing slash earns, keeping the credentials', async () => {
    const output = await callProbe(
      'query',
      { query: 'up' },
      {
        configuration: { prometheus_base_url: `${api.url}/` },
        secrets: { prometheus: { prometheus_token: 's3cret' } },
        scopes: ['prometheus'],
      },
    )
    expect(output).toEqual(VECTOR)
    expect(api.seen.at(-2)?.path).toBe('//api/v1/query')
    expect(last().path).toBe('/api/v1/query')
    expect(last().authorization).toBe('Bearer s3cret')
  })

  it('sends basic auth from the listed secret scopes, and nothing when no scope is listed', async () => {
    const secrets = { prometheus: { prometheus_username: 'chaos', prometheus_password: 'p4ss' } }
    const configuration = { prometheus_base_url: api.url }
    await callProbe('query', { query: 'up' }, { configuration, secrets, scopes: ['prometheus'] })
    expect(last().authorization).toBe(`Basic ${Buffer.from('chaos:p4ss').toString('base64')}`)
    await callProbe('query', { query: 'up' }, { configuration, secrets })
    expect(last().authorization).toBeUndefined()
  })

  it('refuses half a basic-auth pair, naming the missing key', async () => {
    await expect(
      callProbe(
        'query',
        { query: 'up' },
        {
          configuration: { prometheus_base_url: api.url },
          secrets: { prometheus: { prometheus_username: 'chaos' } },
          scopes: ['prometheus'],
        },
      ),
    ).rejects.toThrow('Prometheus basic auth needs prometheus_password in the secrets as well')
  })

  it("fails as the reference does when Prometheus refuses the query: its parameters and Prometheus's answer", async () => {
    await expect(
      callProbe('query', { query: 'up{', timeout: 5 }, { configuration: { prometheus_base_url: api.url } }),
    ).rejects.toThrow(
      `chaoslib.exceptions.ActivityFailed: Prometheus query {'query': 'up{', 'timeout': 5} failed: ` +
        '{"status":"error","errorType":"bad_data","error":"parse error"}',
    )
  })

  it('fails as the reference does on a time it cannot read', async () => {
    await expect(
      callProbe('query', { query: 'up', when: 'soon' }, { configuration: { prometheus_base_url: api.url } }),
    ).rejects.toThrow("chaoslib.exceptions.ActivityFailed: failed to parse 'soon'")
  })

  it('says so when the server answers 200 with something other than JSON', async () => {
    await expect(
      callProbe(
        'query',
        { query: 'up' },
        { configuration: { prometheus_base_url: `${api.url}/not-prometheus` } },
      ),
    ).rejects.toThrow(/answered HTTP 200 but not with JSON: is prometheus_base_url .* a Prometheus server\?/)
  })

  it('names the URL and the error when Prometheus is down', async () => {
    await expect(
      callProbe('query', { query: 'up' }, { configuration: { prometheus_base_url: 'http://127.0.0.1:9' } }),
    ).rejects.toThrow(
      /^could not reach Prometheus at http:\/\/127\.0\.0\.1:9\/api\/v1\/query\?query=up: connect ECONNREFUSED/,
    )
  })

  it('keeps credentials written into the base URL out of messages', async () => {
    await expect(
      callProbe(
        'query',
        { query: 'up' },
        { configuration: { prometheus_base_url: 'http://me:pw@127.0.0.1:9' } },
      ),
    ).rejects.toThrow(/^could not reach Prometheus at http:\/\/127\.0\.0\.1:9\/api/)
  })
})

describe('chaosprometheus.probes.query_interval', () => {
  it('sends step, start and end in the reference order; a falsy step is not sent', async () => {
    const configuration = { prometheus_base_url: api.url }
    await callProbe(
      'query_interval',
      { query: 'up', start: '2024-01-02T03:04:05Z', end: '2024-01-02T03:05:05Z', step: 15 },
      { configuration },
    )
    expect(last().path).toBe('/api/v1/query_range')
    expect([...last().query]).toEqual([
      ['query', 'up'],
      ['step', '15'],
      ['start', '2024-01-02T03:04:05.0Z'],
      ['end', '2024-01-02T03:05:05.0Z'],
    ])
    await callProbe(
      'query_interval',
      { query: 'up', start: '1 minute ago', end: 'now', step: 0 },
      { configuration },
    )
    expect([...last().query.keys()]).toEqual(['query', 'start', 'end'])
  })

  it('defaults step to 1, and reads "30 seconds ago" and "now" relative to the call', async () => {
    const before = Date.now()
    await callProbe(
      'query_interval',
      { query: 'up', start: '30 seconds ago', end: 'now' },
      { configuration: { prometheus_base_url: api.url } },
    )
    expect(last().query.get('step')).toBe('1')
    const start = Date.parse(last().query.get('start') ?? '')
    const end = Date.parse(last().query.get('end') ?? '')
    expect(end - start).toBeGreaterThanOrEqual(29_900)
    expect(end - start).toBeLessThanOrEqual(30_100)
    expect(end).toBeGreaterThanOrEqual(before - 100)
  })

  it('fails with a TypeError naming the argument when start is not text', async () => {
    await expect(callProbe('query_interval', { query: 'up', start: 1700000000, end: 'now' })).rejects.toThrow(
      /^TypeError: Input type must be str: 'start' is 1700000000/,
    )
  })
})
