/**
 * jsonpath2's callable subscripts (`.length()`, `.keys()`, `.charAt(1)`…). Strings are indexed by
 * code point, as Python does; a call that does not apply to the value yields nothing.
 */
import { isRecord } from '@steadystate/model'
import { assertNever } from '../errors.ts'
import type { CallableName } from './jsonpath-syntax.ts'
import { pyInt } from './values.ts'

export function callSubscript(name: CallableName, args: unknown[], current: unknown): unknown[] {
  switch (name) {
    case 'length':
      if (args.length > 0) return []
      if (Array.isArray(current)) return [current.length]
      return typeof current === 'string' ? [Array.from(current).length] : []
    case 'keys':
      if (args.length > 0) return []
      if (isRecord(current)) return [Object.keys(current)]
      return Array.isArray(current) ? [current.map((_, index) => index)] : []
    case 'values':
      if (args.length > 0) return []
      if (isRecord(current)) return [Object.values(current)]
      return Array.isArray(current) ? [current as unknown[]] : []
    case 'entries':
      if (args.length > 0) return []
      if (isRecord(current)) return [Object.entries(current).map(([key, value]) => [key, value])]
      return Array.isArray(current) ? [(current as unknown[]).map((value, index) => [index, value])] : []
    case 'charAt':
      return charAt(args, current)
    case 'substring':
      return substring(args, current)
    default:
      return assertNever(name, 'callable')
  }
}

function charAt(args: unknown[], current: unknown): unknown[] {
  const index = args.length === 1 ? pyInt(args[0]) : undefined
  if (typeof current !== 'string' || index === undefined) return []
  const chars = Array.from(current)
  const at = index < 0 ? index + chars.length : index
  const char = chars[at]
  return at >= 0 && char !== undefined ? [char] : []
}

function substring(args: unknown[], current: unknown): unknown[] {
  if (typeof current !== 'string' || args.length < 1 || args.length > 2) return []
  const start = pyInt(args[0])
  const end = args.length === 2 ? pyInt(args[1]) : Infinity
  if (start === undefined || end === undefined) return []
  const chars = Array.from(current)
  return [chars.slice(clamp(start, chars.length), clamp(end, chars.length)).join('')]
}

/** A Python slice bound: negative counts from the end, then clamped to [0, length]. */
function clamp(bound: number, length: number): number {
  if (bound === Infinity) return length
  const at = bound < 0 ? bound + length : bound
  return Math.max(0, Math.min(at, length))
}
