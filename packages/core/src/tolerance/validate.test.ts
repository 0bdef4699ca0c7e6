import { describe, expect, it } from 'vitest'
import { isProbeTolerance, validateTolerance } from './validate.ts'

const at = 'steady-state-hypothesis.probes[0].tolerance'

function messages(raw: unknown): string[] {
  return validateTolerance(raw, at).map((issue) => issue.message)
}

describe('validateTolerance', () => {
  it('accepts what the reference accepts', () => {
    for (const raw of [true, 0, 200, 'ok', [200, 204], [], { type: 'probe' }])
      expect(messages(raw)).toEqual([])
    expect(messages({ type: 'regex', pattern: '^(?P<x>ok)$' })).toEqual([])
    expect(messages({ type: 'jsonpath', path: '$.items[*][?(@.b = "x")]' })).toEqual([])
    expect(messages({ type: 'range', range: [0.5, true] })).toEqual([])
  })

  it('rejects floats, null and other types with the long reference message', () => {
    const long =
      'hypothesis probe tolerance must either be an integer, a string, a boolean or a pair of values for boundaries. ' +
      'It can also be a dictionary which is a probe activity definition that takes an argument called `value` ' +
      'with the value of the probe itself to be validated'
    expect(validateTolerance(0.5, at)).toEqual([{ path: at, message: long, severity: 'error' }])
    expect(messages(null)).toEqual([long])
  })

  it('rejects unknown dictionary types, printing Python values', () => {
    expect(validateTolerance({ type: 'exact' }, at)).toEqual([
      {
        path: `${at}.type`,
        message: "hypothesis probe tolerance type 'exact' is unsupported",
        severity: 'error',
      },
    ])
    expect(messages({})).toEqual(["hypothesis probe tolerance type 'None' is unsupported"])
  })

  it('checks regex patterns with Python rules and messages', () => {
    expect(validateTolerance({ type: 'regex' }, at)).toEqual([
      {
        path: `${at}.pattern`,
        message: 'hypothesis regex probe tolerance must have a `pattern` key',
        severity: 'error',
      },
    ])
    expect(messages({ type: 'regex', pattern: null })).toEqual([
      'hypothesis probe tolerance pattern None has an invalid type',
    ])
    expect(messages({ type: 'regex', pattern: 42 })).toEqual([
      'hypothesis probe tolerance pattern 42 has an invalid type',
    ])
    expect(messages({ type: 'regex', pattern: '(' })).toEqual([
      'hypothesis probe tolerance pattern ( seems invalid: missing ), unterminated subpattern',
    ])
    expect(messages({ type: 'regex', pattern: '(?<name>x)' })).toEqual([
      'hypothesis probe tolerance pattern (?<name>x) seems invalid: unknown extension ?<n',
    ])
    expect(messages({ type: 'regex', pattern: '(?<=a+)b' })).toEqual([
      'hypothesis probe tolerance pattern None seems invalid: look-behind requires fixed-width pattern',
    ])
    expect(messages({ type: 'regex', pattern: '(a)(?(1)b)' })[0]).toMatch(/cannot be run by steadystate/)
  })

  it('checks JSON paths with jsonpath2 syntax', () => {
    expect(validateTolerance({ type: 'jsonpath' }, at)).toEqual([
      {
        path: `${at}.path`,
        message: 'hypothesis jsonpath probe tolerance must have a `path` key',
        severity: 'error',
      },
    ])
    expect(messages({ type: 'jsonpath', path: '  ' })).toEqual([
      'hypothesis probe tolerance JSON path cannot be empty',
    ])
    expect(messages({ type: 'jsonpath', path: " $['a'] " })).toEqual([
      "hypothesis probe tolerance JSON path $['a'] is invalid",
    ])
    expect(messages({ type: 'jsonpath', path: 3 })).toEqual([
      'hypothesis probe tolerance JSON path 3 has an invalid type',
    ])
    expect(messages({ type: 'jsonpath', path: ' $.a\u00a0' })).toEqual([])
  })

  it('checks ranges, reporting both bounds at once', () => {
    expect(validateTolerance({ type: 'range' }, at)).toEqual([
      {
        path: `${at}.range`,
        message: 'hypothesis range probe tolerance must have a `range` key',
        severity: 'error',
      },
    ])
    expect(messages({ type: 'range', range: '1-5' })).toEqual(['hypothesis range must be a sequence'])
    expect(messages({ type: 'range', range: [1, 2, 3] })).toEqual([
      'hypothesis range sequence must be made of two values',
    ])
    expect(validateTolerance({ type: 'range', range: ['a', null] }, at)).toEqual([
      {
        path: `${at}.range[0]`,
        message: 'hypothesis range lower boundary must be a number',
        severity: 'error',
      },
      {
        path: `${at}.range[1]`,
        message: 'hypothesis range upper boundary must be a number',
        severity: 'error',
      },
    ])
  })
})

describe('isProbeTolerance', () => {
  it('recognises a probe activity used as a tolerance', () => {
    expect(isProbeTolerance({ type: 'probe', provider: {} })).toBe(true)
    expect(isProbeTolerance({ type: 'regex' })).toBe(false)
    expect(isProbeTolerance('probe')).toBe(false)
  })
})
