/**
 * Python `(...)` constructs: capturing and named groups (`(?P<n>…)`, `(?P=n)`), look-arounds,
 * atomic groups, comments and inline flags, with CPython's rules and messages.
 */
import { pyRepr } from '../python.ts'
import { PyRegexError } from './pyregex-escape.ts'
import { checkBackref, parseBranches, type ParseState } from './pyregex-parse.ts'
import type { Branches, Flags, RegexNode } from './pyregex-syntax.ts'

const IDENTIFIER = /^[\p{XID_Start}_]\p{XID_Continue}*$/u
const FLAG_LETTERS = 'aiLmsux'

/** After a `(`; `undefined` for a comment or a global flag group (they match nothing). */
export function parseGroup(state: ParseState, flags: Flags, atStart: boolean): RegexNode | undefined {
  const { source } = state
  if (!source.match('?')) return capture(state, flags, undefined)
  const char = source.nextToken()
  if (char === undefined) throw new PyRegexError('unexpected end of pattern')
  if (char === 'P') return namedConstruct(state, flags)
  if (char === ':') return { t: 'group', index: undefined, body: body(state, flags) }
  if (char === '>') return { t: 'atomic', body: body(state, flags) }
  if (char === '#') {
    for (;;) {
      const next = source.nextToken()
      if (next === undefined) throw new PyRegexError('missing ), unterminated comment')
      if (next === ')') return undefined
    }
  }
  if (char === '=' || char === '!')
    return { t: 'look', behind: false, negative: char === '!', body: body(state, flags) }
  if (char === '<') {
    const kind = source.nextToken()
    if (kind === undefined) throw new PyRegexError('unexpected end of pattern')
    if (kind !== '=' && kind !== '!') throw new PyRegexError(`unknown extension ?<${kind}`)
    const outer = state.lookbehindFrom
    state.lookbehindFrom ??= state.nextGroup
    const inner = body(state, flags)
    state.lookbehindFrom = outer
    return { t: 'look', behind: true, negative: kind === '!', body: inner }
  }
  if (char === '(') {
    source.until(')', 'group name')
    throw new PyRegexError('conditional groups (?(id)yes|no) are not supported', true)
  }
  if (FLAG_LETTERS.includes(char) || char === '-') return inlineFlags(state, flags, char, atStart)
  throw new PyRegexError(`unknown extension ?${char}`)
}

function body(state: ParseState, flags: Flags): Branches {
  const branches = parseBranches(state, flags)
  if (!state.source.match(')')) throw new PyRegexError('missing ), unterminated subpattern')
  return branches
}

function capture(state: ParseState, flags: Flags, name: string | undefined): RegexNode {
  const index = state.nextGroup++
  if (name !== undefined) {
    const previous = state.names.get(name)
    if (previous !== undefined) {
      throw new PyRegexError(
        `redefinition of group name ${pyRepr(name)} as group ${index}; was group ${previous}`,
      )
    }
    state.names.set(name, index)
  }
  state.open.add(index)
  const inner = body(state, flags)
  state.open.delete(index)
  state.closed.set(index, inner)
  return { t: 'group', index, body: inner }
}

/** `(?P<name>…)` or `(?P=name)`. */
function namedConstruct(state: ParseState, flags: Flags): RegexNode {
  const { source } = state
  if (source.match('<')) return capture(state, flags, groupName(source.until('>', 'group name')))
  if (source.match('=')) {
    const name = groupName(source.until(')', 'group name'))
    const index = state.names.get(name)
    if (index === undefined) throw new PyRegexError(`unknown group name ${pyRepr(name)}`)
    return { t: 'backref', index: checkBackref(state, index) }
  }
  const next = source.nextToken()
  if (next === undefined) throw new PyRegexError('unexpected end of pattern')
  throw new PyRegexError(`unknown extension ?P${next}`)
}

function groupName(name: string): string {
  if (!IDENTIFIER.test(name)) throw new PyRegexError(`bad character in group name ${pyRepr(name)}`)
  return name
}

type FlagName = 'ignoreCase' | 'multiline' | 'dotAll' | 'verbose' | 'ascii'
const FLAG_NAMES: Record<string, FlagName | undefined> = {
  i: 'ignoreCase',
  m: 'multiline',
  s: 'dotAll',
  x: 'verbose',
  a: 'ascii',
}

/** `(?imsx)` (global, only at the start) or `(?i-s:…)` (scoped), as Python's `_parse_flags`. */
function inlineFlags(
  state: ParseState,
  flags: Flags,
  first: string,
  atStart: boolean,
): RegexNode | undefined {
  const { source } = state
  const on = new Set<string>()
  const off = new Set<string>()
  let char: string | undefined = first
  if (char !== '-') {
    for (;;) {
      if (char === 'L') throw new PyRegexError("bad inline flags: cannot use 'L' flag with a str pattern")
      on.add(char)
      if (on.has('a') && on.has('u'))
        throw new PyRegexError("bad inline flags: flags 'a', 'u' and 'L' are incompatible")
      char = source.next()
      if (char === undefined) throw new PyRegexError('missing -, : or )')
      if (char === ')' || char === '-' || char === ':') break
      if (!FLAG_LETTERS.includes(char))
        throw new PyRegexError(/\p{L}/u.test(char) ? 'unknown flag' : 'missing -, : or )')
    }
  }
  if (char === ')') {
    if (!atStart) throw new PyRegexError('global flags not at the start of the expression')
    for (const letter of on) setFlag(flags, letter, true)
    return undefined
  }
  if (char === '-') {
    char = source.next()
    if (char === undefined) throw new PyRegexError('missing flag')
    if (!FLAG_LETTERS.includes(char))
      throw new PyRegexError(/\p{L}/u.test(char) ? 'unknown flag' : 'missing flag')
    for (;;) {
      if (char === 'a' || char === 'u' || char === 'L') {
        throw new PyRegexError("bad inline flags: cannot turn off flags 'a', 'u' and 'L'")
      }
      off.add(char)
      char = source.next()
      if (char === undefined) throw new PyRegexError('missing :')
      if (char === ':') break
      if (!FLAG_LETTERS.includes(char))
        throw new PyRegexError(/\p{L}/u.test(char) ? 'unknown flag' : 'missing :')
    }
  }
  for (const letter of on)
    if (off.has(letter)) throw new PyRegexError('bad inline flags: flag turned on and off')
  const scoped: Flags = { ...flags }
  for (const letter of on) setFlag(scoped, letter, true)
  for (const letter of off) setFlag(scoped, letter, false)
  return { t: 'group', index: undefined, body: body(state, scoped) }
}

function setFlag(flags: Flags, letter: string, value: boolean): void {
  const name = FLAG_NAMES[letter]
  if (name !== undefined) flags[name] = value
}
