/**
 * The range tolerance: `Decimal(lo) <= Decimal(value) <= Decimal(hi)`, step by step as the
 * reference runs it. An unparsable string value is simply not met; None, dicts and lists raise; a
 * NaN raises when compared; the upper bound is only read when the lower one holds.
 */
import { isRecord } from '@steadystate/model'
import { compareDecimals, formatDecimal, isDecimalError, toPyDecimal, type PyDecimal } from './decimal.ts'
import type { Tolerance, ToleranceVerdict } from './types.ts'
import { show, typeAndValue } from './values.ts'
import { MET, applyTarget, notMet, unjudgeable } from './verdict.ts'

type RangeTolerance = Extract<Tolerance, { kind: 'range' }>

export function judgeRange(tolerance: RangeTolerance, value: unknown): ToleranceVerdict {
  const targeted = applyTarget('range', tolerance, value)
  if (!targeted.ok) return targeted.verdict
  const judged = targeted.value
  const range = show(tolerance.range)
  const decimal = toPyDecimal(judged)
  if (isDecimalError(decimal)) {
    if (decimal.error === 'InvalidOperation') {
      return notMet(
        `${targeted.where} ${show(judged)} is not a number, so it is not within the range ${range}`,
      )
    }
    return unjudgeable(
      `range tolerance needs a number or a numeric string but ${targeted.where} is ${typeAndValue(judged)}` +
        (tolerance.target === undefined && isRecord(judged)
          ? '; set "target" (e.g. "status") to judge one field'
          : ''),
    )
  }
  if (tolerance.malformed !== undefined) return unjudgeable(`range tolerance: ${tolerance.malformed}`)
  const shown = typeof judged === 'string' ? `${show(judged)} (${formatDecimal(decimal)})` : show(judged)
  const outside = notMet(
    `${targeted.where === 'the value' ? 'value' : targeted.where} ${shown} is outside the range ${range}`,
  )

  const low = bound(tolerance.range[0], 'lower')
  if ('verdict' in low) return low.verdict
  const lowOrder = compareDecimals(low.decimal, decimal)
  if (lowOrder === undefined) return nan(shown, range)
  if (lowOrder > 0) return outside
  const high = bound(tolerance.range[1], 'upper')
  if ('verdict' in high) return high.verdict
  const highOrder = compareDecimals(decimal, high.decimal)
  if (highOrder === undefined) return nan(shown, range)
  return highOrder > 0 ? outside : MET
}

/** A bound converts with `Decimal()` too, and any failure there raises (the reference catches none). */
function bound(
  raw: unknown,
  which: 'lower' | 'upper',
): { decimal: PyDecimal } | { verdict: ToleranceVerdict } {
  const decimal = toPyDecimal(raw)
  if (!isDecimalError(decimal)) return { decimal }
  return {
    verdict: unjudgeable(`range tolerance ${which} bound ${show(raw)} is not a number (${decimal.message})`),
  }
}

function nan(shown: string, range: string): ToleranceVerdict {
  return unjudgeable(
    `range tolerance cannot order NaN: comparing ${shown} with the range ${range} is undefined`,
  )
}
