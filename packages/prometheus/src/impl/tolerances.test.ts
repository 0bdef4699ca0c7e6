import { describe, expect, it } from 'vitest'
import { callProbe } from '../../test-support/prometheus.ts'

const vector = (...values: string[]): unknown => ({
  status: 'success',
  data: {
    resultType: 'vector',
    result: values.map((value, index) => ({ metric: { instance: `i${index}` }, value: [1, value] })),
  },
})

const within = (args: Record<string, unknown>): Promise<unknown> =>
  callProbe('values_within', args, { module: 'steadystate.prometheus.tolerances' })

describe('steadystate.prometheus.tolerances.values_within', () => {
  it('is met when every sample lies within the bounds, inclusive', async () => {
    expect(await within({ value: vector('0.01', '0.05'), max: 0.05 })).toBe(true)
    expect(await within({ value: vector('0.01', '0.06'), max: 0.05 })).toBe(false)
    expect(await within({ value: vector('3'), min: 1, max: 3 })).toBe(true)
    expect(await within({ value: vector('0'), min: 1 })).toBe(false)
  })

  it('never counts NaN as within, and judges every point of a range result', async () => {
    expect(await within({ value: vector('NaN'), max: 1 })).toBe(false)
    const matrix = {
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: {},
            values: [
              [1, '1'],
              [2, '9'],
              [3, '1'],
            ],
          },
        ],
      },
    }
    expect(await within({ value: matrix, max: 5 })).toBe(false)
  })

  it('judges a number (compute_mean) and a scalar result', async () => {
    expect(await within({ value: 42.5, min: 40, max: 45 })).toBe(true)
    expect(
      await within({
        value: { status: 'success', data: { resultType: 'scalar', result: [1, '7'] } },
        max: 5,
      }),
    ).toBe(false)
  })

  it('is not met on an empty result unless allow_empty says so', async () => {
    expect(await within({ value: vector(), max: 1 })).toBe(false)
    expect(await within({ value: vector(), max: 1, allow_empty: true })).toBe(true)
  })

  it('fails clearly without bounds, or on a value that is not a query result', async () => {
    await expect(within({ value: vector('1') })).rejects.toThrow(
      'values_within needs a "min", a "max" or both',
    )
    await expect(within({ value: { status: 0, stdout: '' }, max: 1 })).rejects.toThrow(
      /values_within judges a Prometheus query result .* the probe returned \{"status":0,"stdout":""\}/,
    )
  })
})
