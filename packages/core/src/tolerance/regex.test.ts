import { describe, expect, it } from 'vitest'
import { evaluateTolerance } from './evaluate.ts'
import { httpDown, httpOk, processFailed, processOk, reason } from '../../test-support/tolerance-fixtures.ts'

describe('regex tolerance', () => {
  it('searches the value or its target', () => {
    expect(evaluateTolerance({ type: 'regex', pattern: 'wor.d' }, 'hello world').met).toBe(true)
    expect(evaluateTolerance({ type: 'regex', pattern: '^hello', target: 'stdout' }, processOk).met).toBe(
      true,
    )
    expect(
      reason(evaluateTolerance({ type: 'regex', pattern: 'boom', target: 'stdout' }, processFailed)),
    ).toBe(`pattern "boom" was not found in the value's "stdout" ""`)
  })

  it('explains values it cannot search', () => {
    expect(reason(evaluateTolerance({ type: 'regex', pattern: 'ready' }, httpDown))).toMatch(
      /^regex tolerance needs a string but the probe returned dict \(an http result\) .*; set "target": "body"$/,
    )
    expect(reason(evaluateTolerance({ type: 'regex', pattern: 'ready', target: 'body' }, httpOk))).toContain(
      'use a jsonpath tolerance',
    )
    expect(reason(evaluateTolerance({ type: 'regex', pattern: 'x', target: 'stdout' }, httpDown))).toContain(
      'set "target": "body"',
    )
    expect(reason(evaluateTolerance({ type: 'regex', pattern: 'x', target: 'body' }, 5))).toContain(
      'but the probe returned int 5',
    )
    expect(evaluateTolerance({ type: 'regex', pattern: '1' }, 1)).toMatchObject({ kind: 'unjudgeable' })
  })

  it('reports invalid and unsupported patterns as unjudgeable', () => {
    expect(reason(evaluateTolerance({ type: 'regex', pattern: '(' }, 'x'))).toContain(
      'missing ), unterminated subpattern',
    )
    expect(evaluateTolerance({ type: 'regex', pattern: '(?<n>a)' }, 'a')).toMatchObject({
      kind: 'unjudgeable',
    })
    expect(evaluateTolerance({ type: 'regex', pattern: 5 }, 'a')).toMatchObject({ kind: 'unjudgeable' })
  })
})
