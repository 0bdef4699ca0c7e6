import { describe, expect, it } from 'vitest'
import { normalizeTolerance } from './normalize.ts'

describe('normalizeTolerance dispatches on the Python type, like the reference', () => {
  it('maps scalars and lists', () => {
    expect(normalizeTolerance(true)).toEqual({ kind: 'bool', expected: true })
    expect(normalizeTolerance(0)).toEqual({ kind: 'int', expected: 0 })
    expect(normalizeTolerance('ok')).toEqual({ kind: 'str', expected: 'ok' })
    expect(normalizeTolerance([200, 204])).toEqual({ kind: 'list', items: [200, 204] })
  })

  it('treats floats, null and other values as unsupported (never met)', () => {
    expect(normalizeTolerance(0.5)).toMatchObject({
      kind: 'unsupported',
      reason: expect.stringContaining('0.5') as string,
    })
    expect(normalizeTolerance(Number.NaN)).toMatchObject({ kind: 'unsupported' })
    expect(normalizeTolerance(null)).toMatchObject({ kind: 'unsupported' })
    expect(normalizeTolerance(undefined)).toMatchObject({ kind: 'unsupported' })
    expect(normalizeTolerance({ type: 'nope' })).toMatchObject({
      kind: 'unsupported',
      reason: expect.stringContaining('"nope"') as string,
    })
    expect(normalizeTolerance({})).toMatchObject({ kind: 'unsupported' })
  })

  it('reads regex tolerances', () => {
    expect(normalizeTolerance({ type: 'regex', pattern: '^ok', target: 'stdout' })).toEqual({
      kind: 'regex',
      pattern: '^ok',
      target: 'stdout',
    })
    // An empty target is falsy in Python: the value is judged as a whole.
    expect(normalizeTolerance({ type: 'regex', pattern: 'a', target: '' })).toEqual({
      kind: 'regex',
      pattern: 'a',
    })
    expect(normalizeTolerance({ type: 'regex' })).toMatchObject({
      kind: 'regex',
      malformed: 'the regex tolerance has no "pattern"',
    })
    expect(normalizeTolerance({ type: 'regex', pattern: 5 })).toMatchObject({
      malformed: expect.stringContaining('int 5') as string,
    })
    expect(normalizeTolerance({ type: 'regex', pattern: 'a', target: 1 })).toMatchObject({
      targetProblem: expect.stringContaining('key name') as string,
    })
  })

  it('reads jsonpath tolerances, keeping an explicit null expect and a non-numeric count', () => {
    expect(normalizeTolerance({ type: 'jsonpath', path: '$.a', count: 2, target: 'body' })).toEqual({
      kind: 'jsonpath',
      path: '$.a',
      target: 'body',
      count: 2,
    })
    expect(normalizeTolerance({ type: 'jsonpath', path: '$.a', expect: null })).toEqual({
      kind: 'jsonpath',
      path: '$.a',
      expect: { value: null },
    })
    expect(normalizeTolerance({ type: 'jsonpath', path: '$.a', count: null })).toEqual({
      kind: 'jsonpath',
      path: '$.a',
    })
    expect(normalizeTolerance({ type: 'jsonpath', path: '$.a', count: true })).toMatchObject({ count: 1 })
    expect(normalizeTolerance({ type: 'jsonpath', path: '$.a', count: '2' })).toMatchObject({
      count: Number.NaN,
    })
  })

  it('reads range bounds the way Python indexes them', () => {
    expect(normalizeTolerance({ type: 'range', range: [1, 5] })).toEqual({ kind: 'range', range: [1, 5] })
    expect(normalizeTolerance({ type: 'range', range: [1, 5, 9] })).toEqual({ kind: 'range', range: [1, 5] })
    expect(normalizeTolerance({ type: 'range', range: '15' })).toEqual({ kind: 'range', range: ['1', '5'] })
    expect(normalizeTolerance({ type: 'range', range: [1] })).toMatchObject({
      malformed: expect.any(String) as string,
    })
    expect(normalizeTolerance({ type: 'range' })).toMatchObject({
      malformed: 'the range tolerance has no "range"',
    })
    expect(normalizeTolerance({ type: 'range', range: { a: 1 } })).toMatchObject({
      malformed: expect.any(String) as string,
    })
  })

  it('keeps a probe tolerance as its activity', () => {
    const raw = {
      type: 'probe',
      name: 'check',
      provider: { type: 'python', module: 'm', func: 'f', arguments: {} },
    }
    expect(normalizeTolerance(raw)).toEqual({ kind: 'probe', activity: raw })
  })
})
