import { describe, expect, it } from 'vitest'
import { evaluateTolerance } from './evaluate.ts'
import { httpDown, httpOk, processOk, reason } from '../../test-support/tolerance-fixtures.ts'

describe('range tolerance', () => {
  const range = (lo: unknown, hi: unknown, target?: string): Record<string, unknown> => ({
    type: 'range',
    range: [lo, hi],
    ...(target === undefined ? {} : { target }),
  })

  it('accepts numbers, booleans and numeric strings, inclusively', () => {
    expect(evaluateTolerance(range(1, 5), 5).met).toBe(true)
    expect(evaluateTolerance(range(1, 5), true).met).toBe(true)
    expect(evaluateTolerance(range(1, 5), ' 3\n').met).toBe(true)
    expect(evaluateTolerance(range(0, 1000), '1_000').met).toBe(true)
    expect(evaluateTolerance(range(200, 299, 'status'), httpOk).met).toBe(true)
  })

  it('compares a decimal string with float bounds exactly, as Python does', () => {
    // Decimal(0.1) is 0.1000000000000000055…, which is above Decimal('0.1').
    expect(evaluateTolerance(range(0.1, 1), '0.1').met).toBe(false)
    expect(evaluateTolerance(range(0, 0.1), '0.1').met).toBe(true)
    expect(evaluateTolerance(range(0.1, 1), 0.1).met).toBe(true)
  })

  it('shows the value and the range when not met', () => {
    expect(reason(evaluateTolerance(range(1, 5), 7))).toBe('value 7 is outside the range [1, 5]')
    expect(reason(evaluateTolerance(range(200, 299, 'status'), httpDown))).toBe(
      `the value's "status" 503 is outside the range [200, 299]`,
    )
    expect(reason(evaluateTolerance(range(1, 5), 'ok'))).toBe(
      'the value "ok" is not a number, so it is not within the range [1, 5]',
    )
    expect(evaluateTolerance(range(1, 5), 'inf')).toMatchObject({ kind: 'not-met' })
  })

  it('is unjudgeable where Python raises', () => {
    expect(evaluateTolerance(range(1, 5), null)).toMatchObject({ kind: 'unjudgeable' })
    expect(evaluateTolerance(range(1, 5), [1, 2])).toMatchObject({ kind: 'unjudgeable' })
    expect(evaluateTolerance(range(1, 5), 'nan')).toMatchObject({ kind: 'unjudgeable' })
    expect(evaluateTolerance(range(1, 5, 'status'), 3)).toMatchObject({ kind: 'unjudgeable' })
    expect(reason(evaluateTolerance(range(1, 5), processOk))).toContain('needs a number or a numeric string')
  })

  it('reads bounds with Decimal(), and the upper one only when the lower one holds', () => {
    expect(evaluateTolerance(range('1', '5'), 3).met).toBe(true)
    expect(evaluateTolerance(range('a', 5), 3)).toMatchObject({ kind: 'unjudgeable' })
    expect(evaluateTolerance(range(null, 5), 3)).toMatchObject({ kind: 'unjudgeable' })
    expect(evaluateTolerance(range(5, 'a'), 3)).toMatchObject({ kind: 'not-met' })
    expect(evaluateTolerance(range(1, 'a'), 3)).toMatchObject({ kind: 'unjudgeable' })
  })

  it('converts the value before reading a malformed range', () => {
    expect(evaluateTolerance({ type: 'range', range: [1] }, 'ok')).toMatchObject({ kind: 'not-met' })
    expect(evaluateTolerance({ type: 'range', range: [1] }, 3)).toMatchObject({ kind: 'unjudgeable' })
    expect(evaluateTolerance({ type: 'range' }, 3)).toMatchObject({ kind: 'unjudgeable' })
  })
})
