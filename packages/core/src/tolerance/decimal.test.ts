import { describe, expect, it } from 'vitest'
import { compareDecimals, formatDecimal, isDecimalError, toPyDecimal, type PyDecimal } from './decimal.ts'

function dec(value: unknown): PyDecimal {
  const result = toPyDecimal(value)
  if (isDecimalError(result)) throw new Error(`not a decimal: ${result.message}`)
  return result
}

function text(value: unknown): string {
  return formatDecimal(dec(value))
}

describe('Decimal(str), with CPython leniency', () => {
  it.each([
    [' 1 ', '1'],
    ['\t42\n', '42'],
    ['1_000', '1000'],
    ['__1__', '1'],
    ['1._5', '1.5'],
    ['+.5', '0.5'],
    ['5.', '5'],
    ['-0', '-0'],
    ['1.5e-3', '0.0015'],
    ['1E+3', '1E+3'],
    ['1000', '1000'],
    ['0.000001', '0.000001'],
    ['0.0000001', '1E-7'],
    ['\u0661\u0662', '12'],
    ['\u{1D7D9}', '1'],
    ['\u00a01\u00a0', '1'],
    ['\u001c1\u001f', '1'],
  ])('parses %j as %s', (input, expected) => {
    expect(text(input)).toBe(expected)
  })

  it.each(['inf', 'Infinity', '  -iNfInItY', 'i_nf'])('parses %j as an infinity', (input) => {
    expect(dec(input).kind).toBe('infinity')
  })

  it.each(['nan', 'NaN123', 'sNaN', '-snan', 'n_an'])('parses %j as a NaN', (input) => {
    expect(dec(input).kind).toBe('nan')
  })

  it.each([
    '',
    '  ',
    '.',
    'e5',
    '1e',
    '1 0',
    '0x10',
    '+-1',
    '1,5',
    'infinite',
    'nan1.5',
    '\ufeff1',
    '1\u200b',
    'ok',
  ])('rejects %j with InvalidOperation', (input) => {
    expect(toPyDecimal(input)).toMatchObject({ error: 'InvalidOperation' })
  })

  it('rejects exponents beyond CPython limits', () => {
    expect(toPyDecimal('1e999999999999999999')).not.toHaveProperty('error')
    expect(toPyDecimal('1e1000000000000000000')).toMatchObject({ error: 'InvalidOperation' })
    expect(toPyDecimal('12e999999999999999998')).not.toHaveProperty('error')
    expect(toPyDecimal('12e999999999999999999')).toMatchObject({ error: 'InvalidOperation' })
  })
})

describe('Decimal(other values)', () => {
  it('converts booleans and ints exactly', () => {
    expect(text(true)).toBe('1')
    expect(text(false)).toBe('0')
    expect(text(2 ** 53 + 2)).toBe('9007199254740994')
  })

  it('converts a float to its exact binary value', () => {
    expect(text(0.1)).toBe('0.1000000000000000055511151231257827021181583404541015625')
    expect(text(0.5)).toBe('0.5')
    expect(text(-2.25)).toBe('-2.25')
    expect(text(1e22)).toBe('10000000000000000000000')
    expect(dec(5e-324)).toMatchObject({ kind: 'finite', exponent: -1074n })
    expect(dec(0.1)).toMatchObject({ exponent: -55n })
    expect(text(0)).toBe('0')
    expect(text(-0)).toBe('-0')
    expect(dec(Infinity)).toEqual({ kind: 'infinity', negative: false })
    expect(dec(NaN)).toEqual({ kind: 'nan' })
  })

  it('accepts the (sign, digits, exponent) list form', () => {
    expect(text([0, [1, 2], -1])).toBe('1.2')
    expect(text([1, [5], 0])).toBe('-5')
    expect(text([true, [1], 0])).toBe('-1')
    expect(dec([1, [], 'F'])).toEqual({ kind: 'infinity', negative: true })
    expect(dec([0, [1], 'n'])).toEqual({ kind: 'nan' })
  })

  it('raises ValueError for malformed lists and TypeError for None and dicts', () => {
    expect(toPyDecimal([])).toMatchObject({
      error: 'ValueError',
      message: 'argument must be a sequence of length 3',
    })
    expect(toPyDecimal([2, [1], 0])).toMatchObject({ error: 'ValueError' })
    expect(toPyDecimal([0, [10], 0])).toMatchObject({ error: 'ValueError' })
    expect(toPyDecimal([0, [1], 'x'])).toMatchObject({ error: 'ValueError' })
    expect(toPyDecimal(null)).toEqual({
      error: 'TypeError',
      message: 'conversion from NoneType to Decimal is not supported',
    })
    expect(toPyDecimal({ a: 1 })).toMatchObject({ error: 'TypeError' })
  })
})

describe('exact ordering', () => {
  const cmp = (a: unknown, b: unknown): number | undefined => compareDecimals(dec(a), dec(b))

  it('orders a decimal string against the float it resembles, exactly', () => {
    expect(cmp('0.1', 0.1)).toBe(-1)
    expect(cmp('0.1000000000000000055511151231257827021181583404541015625', 0.1)).toBe(0)
    expect(cmp('0.5', 0.5)).toBe(0)
    expect(cmp(0.9, '0.9')).toBe(1)
    expect(cmp('0.3', 0.1 + 0.2)).toBe(-1)
  })

  it('handles signs, zeros and infinities', () => {
    expect(cmp('-0', 0)).toBe(0)
    expect(cmp(-1, '-0.5')).toBe(-1)
    expect(cmp('-inf', -1e308)).toBe(-1)
    expect(cmp('inf', 'Infinity')).toBe(0)
    expect(cmp('1e400', Number.MAX_VALUE)).toBe(1)
    expect(cmp('-1e400', -Number.MAX_VALUE)).toBe(-1)
  })

  it('compares numbers with very different exponents without huge powers', () => {
    expect(cmp('1e999999999999999999', 3)).toBe(1)
    expect(cmp('1e-999999999999999999', 0)).toBe(1)
    expect(cmp('1e-999999999999999999', 5e-324)).toBe(-1)
    expect(cmp('100e-2', 1)).toBe(0)
  })

  it('cannot order NaN (Python raises InvalidOperation)', () => {
    expect(cmp('nan', 1)).toBeUndefined()
    expect(cmp(1, 'sNaN')).toBeUndefined()
  })
})
