import type { JsonValue } from '@steadystate/model'
import { describe, expect, it } from 'vitest'
import { numericBounds } from './metric-bounds.ts'

const valuesWithin = (args: Record<string, number>): JsonValue => ({
  type: 'probe',
  name: 'within',
  provider: {
    type: 'python',
    module: 'steadystate.prometheus.tolerances',
    func: 'values_within',
    arguments: args,
  },
})

describe('numericBounds', () => {
  it('reads the bounds of every numeric tolerance form', () => {
    expect(numericBounds(0)).toEqual({ min: 0, max: 0, label: '= 0' })
    expect(numericBounds([1, 10])).toEqual({ min: 1, max: 10, label: '[1, 10]' })
    expect(numericBounds({ type: 'range', range: [0.5, 2] })).toEqual({
      min: 0.5,
      max: 2,
      label: 'range [0.5, 2]',
    })
    expect(numericBounds(valuesWithin({ max: 0.05 }))).toEqual({
      min: undefined,
      max: 0.05,
      label: 'values_within (max 0.05)',
    })
    expect(numericBounds(valuesWithin({ min: 3, max: 9 }))?.label).toBe('values_within (min 3, max 9)')
  })

  it('draws nothing for tolerances that set no number', () => {
    const tolerances: (JsonValue | undefined)[] = [
      undefined,
      true,
      'ok',
      [1, 'x'],
      [1, 2, 3],
      { type: 'range', range: ['a', 2] },
      { type: 'jsonpath', path: '$.x', expect: 1 },
      valuesWithin({}),
      {
        type: 'probe',
        provider: { type: 'python', module: 'x', func: 'values_within', arguments: { max: 1 } },
      },
    ]
    for (const tolerance of tolerances)
      expect(numericBounds(tolerance), JSON.stringify(tolerance)).toBeUndefined()
  })
})
