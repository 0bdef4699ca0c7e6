/**
 * Python's `Decimal(str)` grammar, as CPython's C implementation applies it: surrounding Unicode
 * whitespace is stripped, every `_` is dropped, any Unicode decimal digit counts as a digit, and
 * `inf`/`infinity`/`nan`/`snan` are accepted case-insensitively. Probes often print numbers with a
 * trailing newline, so this leniency decides real verdicts.
 */
import type { PyDecimal } from './decimal.ts'
import { pyStrip } from './values.ts'

const NUMBER = /^([+-]?)(?:(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?|(inf|infinity)|(s?)nan(\d*))$/i
const DIGIT = /\p{Nd}/u

/** CPython's decimal limits: a larger adjusted exponent or a smaller exponent raises. */
const MAX_ADJUSTED = 999_999_999_999_999_999n
const MIN_EXPONENT = -1_999_999_999_999_999_997n

/** Parses like `Decimal(text)`; `undefined` where Python raises `InvalidOperation`. */
export function parseDecimalString(text: string): PyDecimal | undefined {
  const ascii = toAsciiDigits(pyStrip(text).replaceAll('_', ''))
  if (ascii === undefined) return undefined
  const match = NUMBER.exec(ascii)
  if (match === null) return undefined
  const negative = match[1] === '-'
  if (match[5] !== undefined) return { kind: 'infinity', negative }
  if (match[6] !== undefined) return { kind: 'nan' }
  const whole = match[2] ?? ''
  const fraction = match[3] ?? ''
  if (whole === '' && fraction === '') return undefined
  const coefficient = BigInt(whole + fraction || '0')
  const exponent = BigInt(match[4] ?? '0') - BigInt(fraction.length)
  const adjusted = exponent + BigInt(coefficient.toString().length) - 1n
  if (adjusted > MAX_ADJUSTED || exponent < MIN_EXPONENT) return undefined
  return { kind: 'finite', negative, coefficient, exponent }
}

/**
 * Replaces non-ASCII decimal digits by their value. Unicode keeps every run of `Nd` characters in
 * ascending 0–9 order starting at a zero, so a digit's value is its offset in its run modulo 10.
 * Returns `undefined` for any other non-ASCII character, which Python would reject anyway.
 */
function toAsciiDigits(text: string): string | undefined {
  let out = ''
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    if (code < 0x80) {
      out += char
      continue
    }
    if (!DIGIT.test(char)) return undefined
    let start = code
    while (DIGIT.test(String.fromCodePoint(start - 1))) start--
    out += String((code - start) % 10)
  }
  return out
}
