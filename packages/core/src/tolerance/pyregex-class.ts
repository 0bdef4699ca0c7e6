/**
 * Python character classes (`[...]`). They differ from JavaScript's: a `]` right after `[` or `[^`
 * is literal, escapes follow Python's class rules, and bad ranges fail with Python's message.
 */
import { PyRegexError, readEscape, type Escape, type Source } from './pyregex-escape.ts'
import type { ClassItem, Flags, RegexNode } from './pyregex-syntax.ts'

/** Reads a class after its `[`. */
export function readClass(source: Source, flags: Flags): RegexNode {
  const negated = source.match('^')
  const start = source.pos
  const items: ClassItem[] = []
  for (;;) {
    const char = source.next()
    if (char === undefined) throw new PyRegexError('unterminated character set')
    if (char === ']' && source.pos - 1 !== start) break
    const first = readMember(source, char)
    if (source.peek() !== '-') {
      items.push(toItem(first.escape))
      continue
    }
    source.next()
    const that = source.next()
    if (that === undefined) throw new PyRegexError('unterminated character set')
    if (that === ']') {
      // `[a-]`: the dash is literal.
      items.push(toItem(first.escape), { t: 'char', cp: 0x2d })
      break
    }
    const second = readMember(source, that)
    const lo = first.escape
    const hi = second.escape
    if (lo.kind !== 'char' || hi.kind !== 'char' || hi.cp < lo.cp) {
      throw new PyRegexError(`bad character range ${first.token}-${second.token}`)
    }
    items.push({ t: 'range', lo: lo.cp, hi: hi.cp })
  }
  return { t: 'class', negated, items, ignoreCase: flags.ignoreCase, ascii: flags.ascii }
}

/** One member after its first character; `token` is the text Python quotes in range errors. */
function readMember(source: Source, char: string): { escape: Escape; token: string } {
  if (char !== '\\') return { escape: { kind: 'char', cp: char.codePointAt(0) ?? 0 }, token: char }
  const token = `\\${source.peek() ?? ''}`
  return { escape: readEscape(source, true), token }
}

function toItem(escape: Escape): ClassItem {
  if (escape.kind === 'char') return { t: 'char', cp: escape.cp }
  if (escape.kind === 'category') return { t: 'category', which: escape.which }
  // readEscape never yields these inside a class; keep the type total anyway.
  throw new PyRegexError('bad escape in character set')
}
