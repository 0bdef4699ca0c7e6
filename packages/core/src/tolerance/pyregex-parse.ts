/**
 * A parser for Python `re` syntax (CPython 3.11+ rules: global flags only at the start, atomic
 * groups and possessive quantifiers allowed). It rejects what Python rejects, with Python's
 * messages, and produces a tree the emitter turns into an equivalent JavaScript regex.
 */
import { assertNever } from '../errors.ts'
import { readClass } from './pyregex-class.ts'
import { PyRegexError, Source, readEscape } from './pyregex-escape.ts'
import { parseGroup } from './pyregex-group.ts'
import {
  MAX_REPEAT,
  NO_FLAGS,
  checkLookbehinds,
  groupWidths,
  type Branches,
  type Flags,
  type RegexNode,
} from './pyregex-syntax.ts'

export interface ParseState {
  source: Source
  /** The number the next capturing group gets (Python numbers from 1). */
  nextGroup: number
  open: Set<number>
  names: Map<string, number>
  /** Bodies of the groups closed so far, by number (for look-behind widths). */
  closed: Map<number, Branches>
  /** While inside a look-behind: the first group number opened inside it. */
  lookbehindFrom: number | undefined
}

export interface ParsedPattern {
  branches: Branches
  groupCount: number
}

export function parsePythonPattern(pattern: string): ParsedPattern {
  if (/(^|[^\\])(\\\\)*\\$/u.test(pattern)) throw new PyRegexError('bad escape (end of pattern)')
  const state: ParseState = {
    source: new Source(pattern),
    nextGroup: 1,
    open: new Set(),
    names: new Map(),
    closed: new Map(),
    lookbehindFrom: undefined,
  }
  const branches = parseBranches(state, { ...NO_FLAGS }, true)
  if (state.source.peek() !== undefined) throw new PyRegexError('unbalanced parenthesis')
  const problem = checkLookbehinds(branches, groupWidths(state.closed))
  if (problem !== undefined) throw new PyRegexError(problem)
  return { branches, groupCount: state.nextGroup - 1 }
}

/** `a|b|c` up to a closing `)` or the end. `top` marks the pattern's start, where global flags may go. */
export function parseBranches(state: ParseState, flags: Flags, top = false): Branches {
  const branches: Branches = []
  do {
    branches.push(parseSequence(state, flags, top && branches.length === 0))
  } while (state.source.match('|'))
  return branches
}

const WHITESPACE = /^[ \t\n\r\v\f]$/

/**
 * One branch. At the pattern's start `flags` is the pattern-wide object: a global flag group there
 * (`(?i)`) updates it in place, so it also holds for the later branches, as in Python.
 */
function parseSequence(state: ParseState, flags: Flags, first: boolean): RegexNode[] {
  const { source } = state
  const items: RegexNode[] = []
  for (;;) {
    const char = source.peek()
    if (char === undefined || char === '|' || char === ')') return items
    source.next()
    if (flags.verbose && WHITESPACE.test(char)) continue
    if (flags.verbose && char === '#') {
      // Python reads tokens here: an escaped newline does not end the comment.
      while (source.peek() !== undefined && source.nextToken() !== '\n') continue
      continue
    }
    if ('*+?{'.includes(char)) {
      const quantifier = readQuantifier(source, char)
      if (quantifier === undefined) {
        items.push({ t: 'char', cp: char.codePointAt(0) ?? 0, ignoreCase: flags.ignoreCase })
        continue
      }
      items.push(applyQuantifier(items.pop(), quantifier, source))
      continue
    }
    const node = parseAtom(state, flags, char, first && items.length === 0)
    if (node !== undefined) items.push(node)
  }
}

/** One atom after its first character; `undefined` for comments and global flag groups. */
function parseAtom(state: ParseState, flags: Flags, char: string, atStart: boolean): RegexNode | undefined {
  switch (char) {
    case '.':
      return { t: 'any', dotAll: flags.dotAll }
    case '^':
      return { t: 'at', which: 'begin', multiline: flags.multiline, ascii: flags.ascii }
    case '$':
      return { t: 'at', which: 'end', multiline: flags.multiline, ascii: flags.ascii }
    case '[':
      return readClass(state.source, flags)
    case '(':
      return parseGroup(state, flags, atStart)
    case '\\':
      return escapeNode(state, flags)
    default:
      return { t: 'char', cp: char.codePointAt(0) ?? 0, ignoreCase: flags.ignoreCase }
  }
}

function escapeNode(state: ParseState, flags: Flags): RegexNode {
  const escape = readEscape(state.source, false)
  switch (escape.kind) {
    case 'char':
      return { t: 'char', cp: escape.cp, ignoreCase: flags.ignoreCase }
    case 'category':
      return { t: 'category', which: escape.which, ascii: flags.ascii }
    case 'at':
      return { t: 'at', which: escape.which, multiline: flags.multiline, ascii: flags.ascii }
    case 'backref':
      return { t: 'backref', index: checkBackref(state, Number(escape.digits)) }
    default:
      return assertNever(escape, 'escape')
  }
}

/** Python only lets a reference point at a group that is already closed. */
export function checkBackref(state: ParseState, index: number): number {
  if (index >= state.nextGroup) throw new PyRegexError(`invalid group reference ${index}`)
  if (state.open.has(index)) throw new PyRegexError('cannot refer to an open group')
  if (state.lookbehindFrom !== undefined && index >= state.lookbehindFrom) {
    throw new PyRegexError('cannot refer to group defined in the same lookbehind subpattern')
  }
  return index
}

interface Quantifier {
  min: number
  max: number
}

/** `* + ? {m,n}`; `undefined` when a `{` is not a valid repeat (Python then reads it literally). */
function readQuantifier(source: Source, char: string): Quantifier | undefined {
  if (char === '*') return { min: 0, max: Infinity }
  if (char === '+') return { min: 1, max: Infinity }
  if (char === '?') return { min: 0, max: 1 }
  if (source.peek() === '}') return undefined
  const start = source.pos
  const lo = source.takeWhile(Infinity, /^[0-9]$/)
  const hi = source.match(',') ? source.takeWhile(Infinity, /^[0-9]$/) : lo
  if (!source.match('}')) {
    source.pos = start
    return undefined
  }
  const min = lo === '' ? 0 : Number(lo)
  const max = hi === '' ? Infinity : Number(hi)
  if (min >= MAX_REPEAT || (max !== Infinity && max >= MAX_REPEAT)) {
    throw new PyRegexError('the repetition number is too large')
  }
  if (max < min) throw new PyRegexError('min repeat greater than max repeat')
  return { min, max }
}

function applyQuantifier(item: RegexNode | undefined, quantifier: Quantifier, source: Source): RegexNode {
  if (item === undefined || item.t === 'at') throw new PyRegexError('nothing to repeat')
  if (item.t === 'repeat') throw new PyRegexError('multiple repeat')
  const lazy = source.match('?')
  const possessive = !lazy && source.match('+')
  return { t: 'repeat', ...quantifier, lazy, possessive, body: item }
}
