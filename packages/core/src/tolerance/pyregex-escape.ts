/**
 * Reading a Python `re` pattern: the code-point cursor and backslash escapes, with CPython's rules
 * and error messages (`e.msg`), so `chaos validate`'s "seems invalid: <msg>" reads the same here.
 */
import { SteadystateError } from '../errors.ts'
import type { Category } from './pyregex-syntax.ts'

/** A pattern Python rejects (`re.error`), or one steadystate cannot run (`unsupported`). */
export class PyRegexError extends SteadystateError {
  readonly unsupported: boolean
  constructor(message: string, unsupported = false) {
    super('EXPERIMENT_INVALID', message)
    this.name = 'PyRegexError'
    this.unsupported = unsupported
  }
}

/** A cursor over the pattern's code points (Python indexes code points, not UTF-16 units). */
export class Source {
  private readonly chars: string[]
  pos = 0

  constructor(pattern: string) {
    this.chars = Array.from(pattern)
  }

  peek(offset = 0): string | undefined {
    return this.chars[this.pos + offset]
  }

  next(): string | undefined {
    const char = this.chars[this.pos]
    if (char !== undefined) this.pos++
    return char
  }

  /** The next token as Python's tokenizer sees it: a backslash and its character are one token. */
  nextToken(): string | undefined {
    const char = this.next()
    return char === '\\' ? char + (this.next() ?? '') : char
  }

  match(char: string): boolean {
    if (this.chars[this.pos] !== char) return false
    this.pos++
    return true
  }

  /** Up to `max` characters from `allowed`. */
  takeWhile(max: number, allowed: RegExp): string {
    let out = ''
    while (out.length < max && allowed.test(this.peek() ?? '')) out += this.next() ?? ''
    return out
  }

  /** Characters up to `terminator` (consumed), as Python's `getuntil` for group names. */
  until(terminator: string, what: string): string {
    let out = ''
    for (;;) {
      const char = this.nextToken()
      if (char === undefined) {
        if (out === '') throw new PyRegexError(`missing ${what}`)
        throw new PyRegexError(`missing ${terminator}, unterminated name`)
      }
      if (char === terminator) break
      out += char
    }
    if (out === '') throw new PyRegexError(`missing ${what}`)
    return out
  }
}

export type Escape =
  | { kind: 'char'; cp: number }
  | { kind: 'category'; which: Category }
  | { kind: 'at'; which: 'A' | 'Z' | 'b' | 'B' }
  | { kind: 'backref'; digits: string }

const SIMPLE: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 }
const HEX = /^[0-9a-fA-F]$/
const OCT = /^[0-7]$/
const DIGIT = /^[0-9]$/
const ASCII_LETTER = /^[A-Za-z]$/

/** An escape after its backslash; `inClass` follows Python's `_class_escape` instead of `_escape`. */
export function readEscape(source: Source, inClass: boolean): Escape {
  const c = source.next()
  if (c === undefined) throw new PyRegexError('bad escape (end of pattern)')
  const simple = SIMPLE[c]
  if (simple !== undefined) return { kind: 'char', cp: simple }
  if ('dDwWsS'.includes(c)) return { kind: 'category', which: c as Category }
  if (inClass && c === 'b') return { kind: 'char', cp: 8 }
  if (!inClass && 'AZbB'.includes(c)) return { kind: 'at', which: c as 'A' | 'Z' | 'b' | 'B' }
  if (c === 'x' || c === 'u' || c === 'U') return { kind: 'char', cp: readHex(source, c) }
  if (c === 'N') {
    throw new PyRegexError(
      'named Unicode escapes (\\N{...}) are not supported; write the character itself',
      true,
    )
  }
  if (inClass && OCT.test(c)) return { kind: 'char', cp: octal(c + source.takeWhile(2, OCT)) }
  if (!inClass && c === '0') return { kind: 'char', cp: parseInt(c + source.takeWhile(2, OCT), 8) }
  if (!inClass && DIGIT.test(c)) {
    // Python: three octal digits make an octal escape, anything else is a group reference.
    let digits = c
    if (DIGIT.test(source.peek() ?? '')) {
      digits += source.next() ?? ''
      if (OCT.test(c) && OCT.test(digits[1] ?? '') && OCT.test(source.peek() ?? '')) {
        return { kind: 'char', cp: octal(digits + (source.next() ?? '')) }
      }
    }
    return { kind: 'backref', digits }
  }
  if (ASCII_LETTER.test(c) || DIGIT.test(c)) throw new PyRegexError(`bad escape \\${c}`)
  return { kind: 'char', cp: c.codePointAt(0) ?? 0 }
}

function readHex(source: Source, c: 'x' | 'u' | 'U'): number {
  const size = c === 'x' ? 2 : c === 'u' ? 4 : 8
  const digits = source.takeWhile(size, HEX)
  if (digits.length !== size) throw new PyRegexError(`incomplete escape \\${c}${digits}`)
  const cp = parseInt(digits, 16)
  if (cp > 0x10ffff) throw new PyRegexError(`bad escape \\${c}${digits}`)
  return cp
}

function octal(digits: string): number {
  const cp = parseInt(digits, 8)
  if (cp > 0o377) throw new PyRegexError(`octal escape value \\${digits} outside of range 0-0o377`)
  return cp
}
