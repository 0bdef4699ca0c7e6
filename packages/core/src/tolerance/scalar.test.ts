import { describe, expect, it } from 'vitest'
import { evaluateTolerance } from './evaluate.ts'
import { httpDown, processFailed, processOk, reason } from '../../test-support/tolerance-fixtures.ts'

describe('scalar tolerances', () => {
  it('judges booleans with Python equality', () => {
    expect(evaluateTolerance(true, true).met).toBe(true)
    expect(evaluateTolerance(true, 1).met).toBe(true)
    expect(evaluateTolerance(false, 0).met).toBe(true)
    expect(reason(evaluateTolerance(true, processOk))).toContain('process result with exit status 0')
  })

  it('judges an int against a provider result by its status', () => {
    expect(evaluateTolerance(0, processOk).met).toBe(true)
    expect(reason(evaluateTolerance(0, processFailed))).toBe(
      'expected exit status 0 but the process exited with 1',
    )
    expect(reason(evaluateTolerance(200, httpDown))).toBe(
      'expected HTTP status 200 but the response status was 503',
    )
    expect(reason(evaluateTolerance(200, 503))).toBe('expected 200 but the value was 503')
    expect(evaluateTolerance(1, true).met).toBe(true)
    expect(evaluateTolerance(1, 1.0).met).toBe(true)
  })

  it('judges a string by equality only', () => {
    expect(evaluateTolerance('ok', 'ok').met).toBe(true)
    expect(reason(evaluateTolerance('OK', 'ok'))).toBe('expected "OK" but the value was "ok"')
    expect(reason(evaluateTolerance('hello world\n', processOk))).toContain('use {"type": "regex"')
  })

  it('judges a list by status membership, a two-item range, or membership', () => {
    expect(evaluateTolerance([200, 204], { status: 204, body: '' }).met).toBe(true)
    expect(evaluateTolerance([200, 299], { status: 250, body: '' }).met).toBe(false)
    expect(reason(evaluateTolerance([1, 5], 7))).toBe('value 7 is outside the range [1, 5]')
    expect(evaluateTolerance([1, 5], 5).met).toBe(true)
    expect(evaluateTolerance(['a', 'c'], 'b').met).toBe(true)
    expect(reason(evaluateTolerance([1, 2, 3], 7))).toBe('value 7 is not one of [1, 2, 3]')
    expect(evaluateTolerance([], 1)).toMatchObject({ kind: 'not-met' })
  })

  it('reports a two-item range it cannot compare as unjudgeable, after Python short-circuits', () => {
    expect(evaluateTolerance([0, 1], 'ok')).toMatchObject({
      kind: 'unjudgeable',
      reason: expect.stringContaining("'<=' not supported between instances of 'int' and 'str'") as string,
    })
    expect(evaluateTolerance([0, 1], null)).toMatchObject({ kind: 'unjudgeable' })
    expect(evaluateTolerance([0, 1], { a: 1 })).toMatchObject({ kind: 'unjudgeable' })
    // 5 <= 1 is already false, so Python never compares 1 with "x".
    expect(evaluateTolerance([5, 'x'], 1)).toMatchObject({ kind: 'not-met' })
  })

  it('never meets a float or unknown tolerance', () => {
    expect(evaluateTolerance(0.5, 0.5)).toMatchObject({ kind: 'not-met' })
    expect(evaluateTolerance({ type: 'other' }, 1)).toMatchObject({ kind: 'not-met' })
  })
})
