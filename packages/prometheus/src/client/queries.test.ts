import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendJson, startApiDouble } from '../../test-support/prometheus.ts'
import { PrometheusClient, endpointFrom } from './prometheus-client.ts'
import { instantQuery, rangeQuery } from './queries.ts'

describe('instantQuery and rangeQuery (the client other modules use)', () => {
  let api: Awaited<ReturnType<typeof startApiDouble>>
  let client: PrometheusClient
  beforeAll(async () => {
    api = await startApiDouble((request, response) => {
      if (request.query.get('query') === 'bad{') {
        sendJson(response, 400, { status: 'error', errorType: 'bad_data', error: 'parse error at 1:5' })
      } else {
        sendJson(response, 200, {
          status: 'success',
          data: { resultType: 'vector', result: [{ metric: { job: 'web' }, value: [1700000000, '0.5'] }] },
        })
      }
    })
    client = new PrometheusClient({
      endpoint: endpointFrom({ prometheus_base_url: api.url }),
      signal: new AbortController().signal,
    })
  })
  afterAll(() => api.close())

  it('returns the response and its samples as numbers, sending times as Unix seconds', async () => {
    const answer = await instantQuery(client, 'up', {
      time: new Date('2023-11-14T22:13:20.5Z'),
      timeoutSeconds: 3,
    })
    expect(answer.samples).toEqual([{ labels: { job: 'web' }, timestamp: 1700000000, value: 0.5 }])
    expect([...(api.seen.at(-1)?.query ?? [])]).toEqual([
      ['query', 'up'],
      ['timeout', '3'],
      ['time', '1700000000.5'],
    ])
    await rangeQuery(client, 'up', {
      start: new Date('2023-11-14T22:13:20Z'),
      end: new Date('2023-11-14T22:14:20Z'),
      stepSeconds: 15,
    })
    expect(api.seen.at(-1)?.path).toBe('/api/v1/query_range')
    expect(api.seen.at(-1)?.query.get('step')).toBe('15')
  })

  it("fails with Prometheus's own reason when it refuses the query", async () => {
    await expect(instantQuery(client, 'bad{')).rejects.toThrow(
      `Prometheus (${api.url}/api/v1/query) did not run the query "bad{": HTTP 400, bad_data: parse error at 1:5`,
    )
  })
})
