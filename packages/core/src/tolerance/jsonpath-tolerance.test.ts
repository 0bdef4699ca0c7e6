import { describe, expect, it } from 'vitest'
import { evaluateTolerance } from './evaluate.ts'
import { httpOk, reason } from '../../test-support/tolerance-fixtures.ts'

describe('jsonpath tolerance', () => {
  const jsonpath = (extra: Record<string, unknown>): Record<string, unknown> => ({
    type: 'jsonpath',
    ...extra,
  })

  it('is met by at least one match', () => {
    expect(evaluateTolerance(jsonpath({ path: '$.ready', target: 'body' }), httpOk).met).toBe(true)
    expect(reason(evaluateTolerance(jsonpath({ path: '$.nope', target: 'body' }), httpOk))).toBe(
      `JSON path "$.nope" matched nothing in the value's "body" {"ready": true, "pods": [1, 2]}`,
    )
  })

  it('parses a JSON string value, including NaN', () => {
    expect(evaluateTolerance(jsonpath({ path: '$.a' }), '{"a": 1}').met).toBe(true)
    expect(evaluateTolerance(jsonpath({ path: '$.a', expect: 'NaN' }), '{"a": NaN}').met).toBe(false)
    expect(evaluateTolerance(jsonpath({ path: '$.a', count: 1 }), '{"a": NaN}').met).toBe(true)
    expect(evaluateTolerance(jsonpath({ path: '$', expect: 'not json' }), 'not json').met).toBe(true)
  })

  it('honours count and expect (expect wins)', () => {
    expect(evaluateTolerance(jsonpath({ path: '$.error', count: 0, target: 'body' }), httpOk).met).toBe(true)
    expect(reason(evaluateTolerance(jsonpath({ path: '$.pods[*]', count: 3, target: 'body' }), httpOk))).toBe(
      `JSON path "$.pods[*]" matched 2 values [1, 2] in the value's "body" but "count" is 3`,
    )
    expect(
      evaluateTolerance(jsonpath({ path: '$.pods[*]', expect: [1, 2], target: 'body' }), httpOk).met,
    ).toBe(true)
    expect(evaluateTolerance(jsonpath({ path: '$.ready', expect: true, target: 'body' }), httpOk).met).toBe(
      true,
    )
    expect(evaluateTolerance(jsonpath({ path: '$.ready', expect: 1, target: 'body' }), httpOk).met).toBe(true)
    expect(
      evaluateTolerance(jsonpath({ path: '$.pods', expect: [[1, 2]], target: 'body' }), httpOk).met,
    ).toBe(true)
    expect(evaluateTolerance(jsonpath({ path: '$.pods', expect: [1, 2], target: 'body' }), httpOk).met).toBe(
      false,
    )
    expect(evaluateTolerance(jsonpath({ path: '$.a', expect: null }), { a: null }).met).toBe(true)
    expect(evaluateTolerance(jsonpath({ path: '$.a', count: 5, expect: 1 }), { a: 1 }).met).toBe(true)
    expect(evaluateTolerance(jsonpath({ path: '$.a', count: 'x' }), { a: 1 }).met).toBe(false)
  })

  it('filters list items with jsonpath2 syntax', () => {
    const body = {
      pods: [
        { name: 'a', phase: 'Running' },
        { name: 'b', phase: 'Failed' },
      ],
    }
    const tolerance = jsonpath({ path: '$.pods[*][?(@.phase = "Running")].name', expect: 'a' })
    expect(evaluateTolerance(tolerance, body).met).toBe(true)
  })

  it('is unjudgeable where the reference raises', () => {
    expect(reason(evaluateTolerance(jsonpath({ path: "$['a']" }), { a: 1 }))).toContain('is invalid')
    expect(evaluateTolerance(jsonpath({ path: '$.a', target: 'body' }), 'text')).toMatchObject({
      kind: 'unjudgeable',
    })
    expect(evaluateTolerance(jsonpath({ path: '$[::0]' }), [1])).toMatchObject({ kind: 'unjudgeable' })
    expect(evaluateTolerance(jsonpath({}), {})).toMatchObject({ kind: 'unjudgeable' })
  })
})
