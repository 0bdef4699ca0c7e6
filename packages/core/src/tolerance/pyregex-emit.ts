/**
 * Turns a parsed Python pattern into JavaScript regex source with the same meaning under the `v`
 * flag. Where the engines differ it spells Python's behaviour out: `.` excludes only `\n`, `$` also
 * matches before a final `\n`, `\d \w \s \b` are Unicode-aware, atomic groups become
 * `(?=(…))\n`, and scoped case-insensitivity expands letters into classes.
 */
import { assertNever } from '../errors.ts'
import type { ParsedPattern } from './pyregex-parse.ts'
import type { Branches, Category, ClassItem, RegexNode } from './pyregex-syntax.ts'

export interface EmittedRegex {
  source: string
  flags: string
}

const ANY = '[\\s\\S]'
/** Python's `str.isspace()` set, which `\s` matches in a str pattern. */
const PY_SPACE =
  '\\t\\n\\v\\f\\r\\u{1c}-\\u{20}\\u{85}\\u{a0}\\u{1680}\\u{2000}-\\u{200a}\\u{2028}\\u{2029}\\u{202f}\\u{205f}\\u{3000}'
/** Beyond this many code points a case-insensitive range is left as written (see `caseVariants`). */
const MAX_EXPANDED_RANGE = 4096

export function emitJavaScript(parsed: ParsedPattern): EmittedRegex {
  const caseModes = new Set<boolean>()
  collectCaseModes(parsed.branches, caseModes)
  // One mode for the whole pattern maps to the JS `i` flag; a mix (scoped `(?i:…)`, which Node 20
  // cannot express) is emulated by expanding the case-insensitive parts.
  const uniform = caseModes.size <= 1
  const emitter = new Emitter(!uniform)
  const source = emitter.branches(parsed.branches)
  return { source, flags: uniform && caseModes.has(true) ? 'iv' : 'v' }
}

function collectCaseModes(branches: Branches, modes: Set<boolean>): void {
  for (const branch of branches) for (const node of branch) collectNode(node, modes)
}

function collectNode(node: RegexNode, modes: Set<boolean>): void {
  if (node.t === 'char' || node.t === 'class') modes.add(node.ignoreCase)
  else if (node.t === 'group' || node.t === 'atomic' || node.t === 'look') collectCaseModes(node.body, modes)
  else if (node.t === 'repeat') collectNode(node.body, modes)
}

class Emitter {
  /** JS capturing groups so far; atomic emulation adds groups, so Python numbers are remapped. */
  private groups = 0
  private readonly groupMap = new Map<number, number>()

  constructor(private readonly expandCase: boolean) {}

  branches(branches: Branches): string {
    return branches.map((branch) => branch.map((node) => this.node(node)).join('')).join('|')
  }

  private node(node: RegexNode): string {
    switch (node.t) {
      case 'char':
        return this.expandCase && node.ignoreCase ? caseClass(node.cp) : literal(node.cp)
      case 'any':
        return node.dotAll ? ANY : '[^\\n]'
      case 'class':
        return this.charClass(node)
      case 'category':
        return category(node.which, node.ascii)
      case 'at':
        return position(node.which, node.multiline, node.ascii)
      case 'group': {
        if (node.index === undefined) return `(?:${this.branches(node.body)})`
        this.groupMap.set(node.index, ++this.groups)
        return `(${this.branches(node.body)})`
      }
      case 'look':
        return `(?${node.behind ? '<' : ''}${node.negative ? '!' : '='}${this.branches(node.body)})`
      case 'atomic':
        return this.atomic(() => this.branches(node.body))
      case 'backref':
        return `(?:\\${this.groupMap.get(node.index) ?? node.index})`
      case 'repeat': {
        const repeat = (): string => {
          const atom = this.node(node.body)
          const wrapped = node.body.t === 'look' ? `(?:${atom})` : atom
          return `${wrapped}${quantifier(node.min, node.max)}${node.lazy ? '?' : ''}`
        }
        return node.possessive ? this.atomic(repeat) : repeat()
      }
      default:
        return assertNever(node, 'regex node')
    }
  }

  /** JS has no atomic groups: a look-ahead capture, then a back-reference to it, never backtracks. */
  private atomic(body: () => string): string {
    const group = ++this.groups
    return `(?:(?=(${body()}))\\${group})`
  }

  private charClass(node: Extract<RegexNode, { t: 'class' }>): string {
    const expand = this.expandCase && node.ignoreCase
    const items = node.items.map((item) => classItem(item, node.ascii, expand)).join('')
    return `[${node.negated ? '^' : ''}${items}]`
  }
}

function classItem(item: ClassItem, ascii: boolean, expand: boolean): string {
  switch (item.t) {
    case 'char':
      return expand ? caseVariants(item.cp).map(literal).join('') : literal(item.cp)
    case 'range': {
      const range = `${literal(item.lo)}-${literal(item.hi)}`
      if (!expand || item.hi - item.lo > MAX_EXPANDED_RANGE) return range
      const extra: number[] = []
      for (let cp = item.lo; cp <= item.hi; cp++) extra.push(...caseVariants(cp).slice(1))
      return range + extra.map(literal).join('')
    }
    case 'category':
      return category(item.which, ascii)
    default:
      return assertNever(item, 'class item')
  }
}

/** Every character is written as itself (ASCII letters and digits) or as `\u{…}`: safe in `v` mode. */
function literal(cp: number): string {
  const char = String.fromCodePoint(cp)
  return /^[A-Za-z0-9]$/.test(char) ? char : `\\u{${cp.toString(16)}}`
}

function caseClass(cp: number): string {
  const variants = caseVariants(cp)
  return variants.length === 1 ? literal(cp) : `[${variants.map(literal).join('')}]`
}

/** The character and its simple upper/lower case forms (single code points only), itself first. */
function caseVariants(cp: number): number[] {
  const variants = new Set<number>([cp])
  const char = String.fromCodePoint(cp)
  for (const form of [char.toLowerCase(), char.toUpperCase(), char.toUpperCase().toLowerCase()]) {
    const points = Array.from(form)
    const only = points[0]
    if (points.length === 1 && only !== undefined) variants.add(only.codePointAt(0) ?? cp)
  }
  return [...variants]
}

function category(which: Category, ascii: boolean): string {
  switch (which) {
    case 'd':
      return ascii ? '[0-9]' : '\\p{Nd}'
    case 'D':
      return ascii ? '[^0-9]' : '\\P{Nd}'
    case 'w':
      return ascii ? '[A-Za-z0-9_]' : '[\\p{L}\\p{N}_]'
    case 'W':
      return ascii ? '[^A-Za-z0-9_]' : '[^\\p{L}\\p{N}_]'
    case 's':
      return ascii ? '[\\t\\n\\v\\f\\r ]' : `[${PY_SPACE}]`
    case 'S':
      return ascii ? '[^\\t\\n\\v\\f\\r ]' : `[^${PY_SPACE}]`
    default:
      return assertNever(which, 'category')
  }
}

function position(
  which: 'begin' | 'end' | 'A' | 'Z' | 'b' | 'B',
  multiline: boolean,
  ascii: boolean,
): string {
  const word = category('w', ascii)
  switch (which) {
    case 'A':
      return `(?<!${ANY})`
    case 'Z':
      return `(?!${ANY})`
    case 'begin':
      return multiline ? '(?<![^\\n])' : `(?<!${ANY})`
    case 'end':
      // Python's `$` also matches just before a newline that ends the string.
      return multiline ? '(?![^\\n])' : `(?=\\n?(?!${ANY}))`
    case 'b':
      return `(?:(?<=${word})(?!${word})|(?<!${word})(?=${word}))`
    case 'B':
      // Python's \B never matches inside an empty string.
      return `(?:(?<=${word})(?=${word})|(?<!${word})(?!${word})(?:(?<=${ANY})|(?=${ANY})))`
    default:
      return assertNever(which, 'position')
  }
}

function quantifier(min: number, max: number): string {
  if (min === 0 && max === Infinity) return '*'
  if (min === 1 && max === Infinity) return '+'
  if (min === 0 && max === 1) return '?'
  if (max === Infinity) return `{${min},}`
  return min === max ? `{${min}}` : `{${min},${max}}`
}
