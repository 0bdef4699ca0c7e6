import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callProbe, sendJson, startApiDouble } from '../../test-support/prometheus.ts'
import { mean } from './mean.ts'

describe('mean', () => {
  it('computes the arithmetic, geometric and harmonic means as Python statistics does', () => {
    expect(mean([1, 2, 3, 4], 'arithmetic')).toBe(2.5)
    expect(mean([1, 4, 16], 'geometric')).toBeCloseTo(4, 12)
    expect(mean([1, 2, 4], 'harmonic')).toBeCloseTo(12 / 7, 12)
    expect(mean([0, 2], 'harmonic')).toBe(0)
  })

  it('refuses what Python refuses, and an unknown mean type', () => {
    expect(() => mean([0, 2], 'geometric')).toThrow('a geometric mean needs values that are all positive')
    expect(() => mean([-1, 2], 'harmonic')).toThrow('a harmonic mean needs values that are not negative')
    expect(() => mean([1], 'median')).toThrow(
      'mean_type must be "arithmetic", "geometric" or "harmonic", got "median"',
    )
  })
})

describe('chaosprometheus.probes.compute_mean', () => {
  let api: Awaited<ReturnType<typeof startApiDouble>>
  beforeAll(async () => {
    api = await startApiDouble((request, response) => {
      if (request.query.get('query') === 'absent') {
        sendJson(response, 200, { status: 'success', data: { resultType: 'matrix', result: [] } })
        return
      }
      sendJson(response, 200, {
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [
            {
              metric: { node: 'a' },
              values: [
                [1, '10'],
                [2, 'NaN'],
              ],
            },
            {
              metric: { node: 'b' },
              values: [
                [1, '20'],
                [2, '30'],
              ],
            },
          ],
        },
      })
    })
  })
  afterAll(() => api.close())

  it('averages every finite point of every series over the window, in 300 steps', async () => {
    const output = await callProbe(
      'compute_mean',
      { query: 'cpu' },
      { configuration: { prometheus_base_url: api.url } },
    )
    expect(output).toBe(20)
    const sent = api.seen.at(-1)?.query
    expect(sent?.get('query')).toBe('cpu')
    const start = Number(sent?.get('start'))
    const end = Number(sent?.get('end'))
    expect(end - start).toBeCloseTo(86_400, 0)
    expect(Number(sent?.get('step'))).toBeCloseTo(288, 3)
  })

  it('fails clearly when the query returns nothing to average', async () => {
    await expect(
      callProbe(
        'compute_mean',
        { query: 'absent', window: '2 hours' },
        { configuration: { prometheus_base_url: api.url } },
      ),
    ).rejects.toThrow('the query "absent" returned no values over the window "2 hours": nothing to average')
  })

  it("nodes_cpu_usage_mean averages the reference's node CPU query", async () => {
    await callProbe(
      'nodes_cpu_usage_mean',
      { window: '1h' },
      { configuration: { prometheus_base_url: api.url } },
    )
    expect(api.seen.at(-1)?.query.get('query')).toBe(
      '100 * (1 - avg(rate(node_cpu_seconds_total{mode="idle"}[1m])))',
    )
  })
})
