import type { ServerResponse } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JsonValue } from '@steadystate/model'
import { callProbe, sendJson, startApiDouble, type SeenRequest } from '../../test-support/prometheus.ts'

const MODULE = 'steadystate.safeguards.prometheus'

function vector(result: unknown[]): unknown {
  return { status: 'success', data: { resultType: 'vector', result } }
}

describe('steadystate.safeguards.prometheus.query_is_empty', () => {
  let api: Awaited<ReturnType<typeof startApiDouble>>
  const answers = new Map<string, (response: ServerResponse) => void>()
  beforeAll(async () => {
    api = await startApiDouble((request: SeenRequest, response) => {
      const answer = answers.get(request.query.get('query') ?? '')
      if (answer === undefined) sendJson(response, 200, vector([]))
      else answer(response)
    })
    answers.set('errors > 0.05', (response) =>
      sendJson(
        response,
        200,
        vector([
          { metric: { __name__: 'errors', service: 'checkout' }, value: [1700000000, '0.25'] },
          { metric: { __name__: 'errors', service: 'search' }, value: [1700000000, '0.07'] },
        ]),
      ),
    )
    answers.set('scalar(errors)', (response) =>
      sendJson(response, 200, {
        status: 'success',
        data: { resultType: 'scalar', result: [1700000000, '0'] },
      }),
    )
    answers.set('errors{', (response) =>
      sendJson(response, 400, { status: 'error', errorType: 'bad_data', error: 'unexpected end of input' }),
    )
    // Never answers: the guard's timeout must end the wait.
    answers.set('slow', () => undefined)
  })
  afterAll(async () => {
    api.server.closeAllConnections()
    await api.close()
  })

  const call = (
    args: Record<string, unknown>,
    seen: { measured: [string, JsonValue][]; logged: string[] } = { measured: [], logged: [] },
    secrets?: Record<string, Record<string, unknown>>,
  ) =>
    callProbe('query_is_empty', args, {
      module: MODULE,
      configuration: { prometheus_base_url: api.url },
      ...(secrets === undefined ? {} : { secrets, scopes: Object.keys(secrets) }),
      measure: (kind, data) => seen.measured.push([kind, data]),
      log: (_level, message) => seen.logged.push(message),
    })

  it('is true while the expression returns nothing, and records that it looked', async () => {
    const seen = { measured: [] as [string, JsonValue][], logged: [] as string[] }
    expect(await call({ query: 'errors > 0.5' }, seen)).toBe(true)
    expect(seen.measured).toEqual([
      [
        'steadystate.guard',
        { at: expect.any(String), subject: 'series', count: 0, found: [], watching: 'errors > 0.5' },
      ],
    ])
    expect(seen.logged).toEqual([])
    // The guard's own timeout is Prometheus's evaluation timeout too.
    expect(api.seen.at(-1)?.query.get('timeout')).toBe('10')
  })

  it('is false once it returns series, whatever their values, and says which', async () => {
    const seen = { measured: [] as [string, JsonValue][], logged: [] as string[] }
    expect(await call({ query: 'errors > 0.05' }, seen)).toBe(false)
    expect(seen.measured[0]?.[1]).toMatchObject({
      count: 2,
      found: ['errors{service="checkout"} = 0.25', 'errors{service="search"} = 0.07'],
    })
    expect(seen.logged).toEqual([
      '2 series returned by errors > 0.05, time to stop: errors{service="checkout"} = 0.25; errors{service="search"} = 0.07',
    ])
  })

  it('fails on a scalar result, which no alerting rule could judge', async () => {
    await expect(call({ query: 'scalar(errors)' })).rejects.toThrow(
      'query_is_empty judges expressions that return series, as an alerting rule\'s; "scalar(errors)" returns a scalar',
    )
  })

  it('fails, never passes, when Prometheus refuses the query or cannot be asked in time', async () => {
    await expect(call({ query: 'errors{' })).rejects.toThrow(
      `Prometheus (${api.url}/api/v1/query) did not run the query "errors{": HTTP 400, bad_data: unexpected end of input`,
    )
    await expect(call({ query: 'slow', timeout: 0.3 })).rejects.toThrow(
      `could not reach Prometheus at ${api.url}/api/v1/query?query=slow&timeout=0.3: no data for 300 ms`,
    )
    await expect(
      callProbe('query_is_empty', { query: 'up' }, { module: MODULE, configuration: {} }),
    ).rejects.toThrow(
      'the configuration has no prometheus_base_url, so the default http://localhost:9090 was used',
    )
    await expect(call({ query: 'up', timeout: 'soon' })).rejects.toThrow(
      'timeout "soon" is not a duration: write seconds (5) or e.g. "5s"',
    )
  })

  it('sends the bearer token of the scopes the provider lists', async () => {
    expect(await call({ query: 'up == 0' }, undefined, { prometheus: { prometheus_token: 't0ken' } })).toBe(
      true,
    )
    expect(api.seen.at(-1)?.authorization).toBe('Bearer t0ken')
  })
})
