/**
 * Python's `decimal.Decimal` construction and ordering, exactly. The reference's range tolerance
 * judges `Decimal(lo) <= Decimal(value) <= Decimal(hi)`: a float converts to its exact binary value
 * (so `Decimal('0.1') < 0.1`), and strings parse with Python's lenient grammar. Values are kept as
 * `±coefficient·10^exponent` with BigInts so nothing is rounded.
 */
import { pyTypeName } from '../python.ts'
import { parseDecimalString } from './decimal-string.ts'

export type PyDecimal =
  | { kind: 'finite'; negative: boolean; coefficient: bigint; exponent: bigint }
  | { kind: 'infinity'; negative: boolean }
  | { kind: 'nan' }

/**
 * Why `Decimal(x)` raised, in Python's terms: `InvalidOperation` for an unparsable string (the range
 * tolerance catches it for the value), `TypeError`/`ValueError` for values Decimal refuses outright.
 */
export type DecimalError = { error: 'InvalidOperation' | 'TypeError' | 'ValueError'; message: string }

/** Python's `Decimal(x)` for a JSON value. */
export function toPyDecimal(value: unknown): PyDecimal | DecimalError {
  if (typeof value === 'boolean') return finite(false, value ? 1n : 0n, 0n)
  if (typeof value === 'number') return fromDouble(value)
  if (typeof value === 'string') {
    return (
      parseDecimalString(value) ?? {
        error: 'InvalidOperation',
        message: `invalid literal for Decimal: ${JSON.stringify(value)}`,
      }
    )
  }
  if (Array.isArray(value)) return fromTuple(value as unknown[])
  return { error: 'TypeError', message: `conversion from ${pyTypeName(value)} to Decimal is not supported` }
}

export function isDecimalError(value: PyDecimal | DecimalError): value is DecimalError {
  return 'error' in value
}

function finite(negative: boolean, coefficient: bigint, exponent: bigint): PyDecimal {
  return { kind: 'finite', negative, coefficient, exponent }
}

/** A double is `mantissa·2^k` exactly; `2^-n` is `5^n·10^-n`, so it is also an exact decimal. */
function fromDouble(value: number): PyDecimal {
  if (Number.isNaN(value)) return { kind: 'nan' }
  if (!Number.isFinite(value)) return { kind: 'infinity', negative: value < 0 }
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, value)
  const bits = view.getBigUint64(0)
  const negative = bits >> 63n === 1n
  const biased = Number((bits >> 52n) & 0x7ffn)
  let mantissa = bits & 0xfffffffffffffn
  if (biased !== 0) mantissa |= 1n << 52n
  let power = (biased === 0 ? 1 : biased) - 1075
  // Reduce like Python's `as_integer_ratio`, so `Decimal(0.1)` has Python's exponent (-55).
  if (mantissa === 0n) power = 0
  while (power < 0 && (mantissa & 1n) === 0n) {
    mantissa >>= 1n
    power++
  }
  if (power >= 0) return finite(negative, mantissa << BigInt(power), 0n)
  return finite(negative, mantissa * 5n ** BigInt(-power), BigInt(power))
}

/** `Decimal((sign, digits, exponent))`: Python also accepts a list of that shape. */
function fromTuple(value: unknown[]): PyDecimal | DecimalError {
  const bad = (message: string): DecimalError => ({ error: 'ValueError', message })
  if (value.length !== 3) return bad('argument must be a sequence of length 3')
  const [sign, digits, exponent] = value
  const signValue = typeof sign === 'boolean' ? Number(sign) : sign
  if (signValue !== 0 && signValue !== 1) return bad('sign must be an integer with the value 0 or 1')
  if (!Array.isArray(digits)) return bad('coefficient must be a tuple of digits')
  let coefficient = 0n
  for (const digit of digits as unknown[]) {
    const d = typeof digit === 'boolean' ? Number(digit) : digit
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d > 9) {
      return bad('coefficient must be a tuple of digits')
    }
    coefficient = coefficient * 10n + BigInt(d)
  }
  const negative = signValue === 1
  if (exponent === 'F') return { kind: 'infinity', negative }
  if (exponent === 'n' || exponent === 'N') return { kind: 'nan' }
  if (typeof exponent === 'string')
    return bad("string argument in the third position must be 'F', 'n' or 'N'")
  const e = typeof exponent === 'boolean' ? Number(exponent) : exponent
  if (typeof e !== 'number' || !Number.isInteger(e)) return bad('exponent must be an integer')
  return finite(negative, coefficient, BigInt(e))
}

/**
 * Three-way comparison of two decimals, or `undefined` when either is a NaN: Python raises
 * `InvalidOperation` for an ordering comparison with a NaN.
 */
export function compareDecimals(a: PyDecimal, b: PyDecimal): -1 | 0 | 1 | undefined {
  if (a.kind === 'nan' || b.kind === 'nan') return undefined
  const sa = signum(a)
  const sb = signum(b)
  if (sa !== sb) return sa < sb ? -1 : 1
  if (sa === 0) return 0
  const magnitude = compareMagnitudes(a, b)
  return sa > 0 ? magnitude : invert(magnitude)
}

function signum(value: PyDecimal): -1 | 0 | 1 {
  if (value.kind === 'finite' && value.coefficient === 0n) return 0
  return value.kind !== 'nan' && value.negative ? -1 : 1
}

function invert(order: -1 | 0 | 1): -1 | 0 | 1 {
  return order === 0 ? 0 : order < 0 ? 1 : -1
}

/** Compares |a| and |b| for non-zero, non-NaN values without building huge powers of ten. */
function compareMagnitudes(a: PyDecimal, b: PyDecimal): -1 | 0 | 1 {
  if (a.kind === 'infinity' || b.kind === 'infinity') {
    if (a.kind === b.kind) return 0
    return a.kind === 'infinity' ? 1 : -1
  }
  if (a.kind !== 'finite' || b.kind !== 'finite') return 0
  // The adjusted exponent (position of the leading digit) decides unless both are equal; then the
  // exponents differ by less than the number of digits, so aligning them stays cheap.
  const adjustedA = a.exponent + BigInt(a.coefficient.toString().length)
  const adjustedB = b.exponent + BigInt(b.coefficient.toString().length)
  if (adjustedA !== adjustedB) return adjustedA < adjustedB ? -1 : 1
  const shift = a.exponent - b.exponent
  const left = shift > 0n ? a.coefficient * 10n ** shift : a.coefficient
  const right = shift < 0n ? b.coefficient * 10n ** -shift : b.coefficient
  return left === right ? 0 : left < right ? -1 : 1
}

/** `str(Decimal)`: plain notation unless the exponent is positive or the value is tiny. */
export function formatDecimal(value: PyDecimal): string {
  if (value.kind === 'nan') return 'NaN'
  if (value.kind === 'infinity') return value.negative ? '-Infinity' : 'Infinity'
  const sign = value.negative ? '-' : ''
  const digits = value.coefficient.toString()
  const leftDigits = value.exponent + BigInt(digits.length)
  const plain = value.exponent <= 0n && leftDigits > -6n
  const dot = plain ? Number(leftDigits) : 1
  let number: string
  if (dot <= 0) number = `0.${'0'.repeat(-dot)}${digits}`
  else if (dot >= digits.length) number = digits + '0'.repeat(dot - digits.length)
  else number = `${digits.slice(0, dot)}.${digits.slice(dot)}`
  if (plain) return sign + number
  const exponent = leftDigits - 1n
  return `${sign}${number}E${exponent < 0n ? '' : '+'}${exponent}`
}
