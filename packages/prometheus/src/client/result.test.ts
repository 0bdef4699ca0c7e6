import { describe, expect, it } from 'vitest'
import { sampleValue, samplesOf, seriesName } from './result.ts'

describe('samplesOf', () => {
  it('reads an instant vector, with or without the response envelope', () => {
    const data = {
      resultType: 'vector',
      result: [
        { metric: { __name__: 'errors', service: 'checkout' }, value: [1700000000.5, '0.25'] },
        { metric: { __name__: 'errors', service: 'search' }, value: [1700000000.5, 'NaN'] },
      ],
    }
    const samples = samplesOf({ status: 'success', data })
    expect(samples).toEqual(samplesOf(data))
    expect(samples?.map((s) => [s.labels.service, s.timestamp, s.value])).toEqual([
      ['checkout', 1700000000.5, 0.25],
      ['search', 1700000000.5, Number.NaN],
    ])
  })

  it('reads every point of every series of a range result, and a scalar', () => {
    const matrix = {
      resultType: 'matrix',
      result: [
        {
          metric: { job: 'a' },
          values: [
            [1, '1'],
            [2, '2'],
          ],
        },
        { metric: { job: 'b' }, values: [[1, '+Inf']] },
      ],
    }
    expect(samplesOf({ data: matrix })?.map((s) => s.value)).toEqual([1, 2, Number.POSITIVE_INFINITY])
    expect(samplesOf({ resultType: 'scalar', result: [5, '-Inf'] })).toEqual([
      { labels: {}, timestamp: 5, value: Number.NEGATIVE_INFINITY },
    ])
    expect(samplesOf({ resultType: 'vector', result: [] })).toEqual([])
  })

  it('is undefined for what is not a query result', () => {
    expect(samplesOf(7)).toBeUndefined()
    expect(samplesOf({ status: 'success' })).toBeUndefined()
    expect(samplesOf({ resultType: 'vector', result: [{ metric: {}, value: ['x', '1'] }] })).toBeUndefined()
  })
})

describe('sampleValue and seriesName', () => {
  it('reads Go float text and writes series as PromQL does', () => {
    expect(sampleValue('1e-05')).toBe(0.00001)
    expect(sampleValue('')).toBeNaN()
    expect(seriesName({ __name__: 'up', job: 'fixture' })).toBe('up{job="fixture"}')
    expect(seriesName({ __name__: 'up' })).toBe('up')
    expect(seriesName({ job: 'fixture' })).toBe('{job="fixture"}')
  })
})
