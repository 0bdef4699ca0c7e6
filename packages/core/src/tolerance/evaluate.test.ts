import { describe, expect, it } from 'vitest'
import { evaluateNormalized, evaluateTolerance } from './evaluate.ts'
import { reason } from '../../test-support/tolerance-fixtures.ts'

describe('evaluateNormalized', () => {
  it('judges normalised tolerances of every kind', () => {
    expect(evaluateNormalized({ kind: 'bool', expected: false }, 0).met).toBe(true)
    expect(evaluateNormalized({ kind: 'int', expected: 0 }, { status: 0, stdout: '', stderr: '' }).met).toBe(
      true,
    )
    expect(evaluateNormalized({ kind: 'str', expected: 'a' }, 'a').met).toBe(true)
    expect(evaluateNormalized({ kind: 'list', items: [1, 2, 3] }, 2).met).toBe(true)
    expect(evaluateNormalized({ kind: 'regex', pattern: 'b+' }, 'abbc').met).toBe(true)
    expect(evaluateNormalized({ kind: 'range', range: [1, 5] }, '2').met).toBe(true)
    expect(evaluateNormalized({ kind: 'jsonpath', path: '$.a', count: 1 }, { a: 1 }).met).toBe(true)
    expect(evaluateNormalized({ kind: 'unsupported', reason: 'why' }, 1)).toEqual({
      met: false,
      kind: 'not-met',
      reason: 'why',
    })
  })

  it('reports a target that is not a key name as unjudgeable', () => {
    const verdict = evaluateNormalized(
      { kind: 'regex', pattern: 'a', targetProblem: '"target" must be a key name' },
      'a',
    )
    expect(verdict).toEqual({
      met: false,
      kind: 'unjudgeable',
      reason: 'regex tolerance: "target" must be a key name',
    })
  })
})

describe('probe tolerances and robustness', () => {
  it('leaves probe tolerances to the engine', () => {
    expect(evaluateNormalized({ kind: 'probe', activity: {} }, 1)).toEqual({
      met: false,
      kind: 'unjudgeable',
      reason: 'a probe tolerance is evaluated by the engine',
    })
  })

  it('truncates long values in reasons', () => {
    const text = reason(evaluateTolerance('x', 'y'.repeat(1000)))
    expect(text.length).toBeLessThan(260)
    expect(text).toContain('…')
  })

  it('never throws, even on values that are not JSON', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(() => evaluateTolerance('x', cyclic)).not.toThrow()
    expect(evaluateTolerance({ type: 'jsonpath', path: '$..*' }, cyclic).met).toBe(false)
  })
})
