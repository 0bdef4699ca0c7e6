/**
 * The syntax tree of a Python `re` pattern, as `pyregex-parse.ts` reads it. Flags (`(?i)`, scoped
 * `(?s:…)`) are resolved while parsing, so each node carries the behaviour it needs and the emitter
 * never has to track scopes.
 */
import { assertNever } from '../errors.ts'

export interface Flags {
  ignoreCase: boolean
  multiline: boolean
  dotAll: boolean
  verbose: boolean
  ascii: boolean
}

export const NO_FLAGS: Flags = {
  ignoreCase: false,
  multiline: false,
  dotAll: false,
  verbose: false,
  ascii: false,
}

/** `\d \D \w \W \s \S`. */
export type Category = 'd' | 'D' | 'w' | 'W' | 's' | 'S'

export type ClassItem =
  { t: 'char'; cp: number } | { t: 'range'; lo: number; hi: number } | { t: 'category'; which: Category }

export type Branches = RegexNode[][]

export type RegexNode =
  | { t: 'char'; cp: number; ignoreCase: boolean }
  | { t: 'any'; dotAll: boolean }
  | { t: 'class'; negated: boolean; items: ClassItem[]; ignoreCase: boolean; ascii: boolean }
  | { t: 'category'; which: Category; ascii: boolean }
  /** `^ $ \A \Z \b \B`: zero-width positions. */
  | { t: 'at'; which: 'begin' | 'end' | 'A' | 'Z' | 'b' | 'B'; multiline: boolean; ascii: boolean }
  /** `index` is the Python group number; undefined for `(?:…)` and scoped-flag groups. */
  | { t: 'group'; index: number | undefined; body: Branches }
  | { t: 'look'; behind: boolean; negative: boolean; body: Branches }
  | { t: 'atomic'; body: Branches }
  | { t: 'backref'; index: number }
  | { t: 'repeat'; min: number; max: number; lazy: boolean; possessive: boolean; body: RegexNode }

/** Python raises `OverflowError` at or above this repeat count. */
export const MAX_REPEAT = 4_294_967_295

/**
 * The (min, max) number of characters a node matches, as Python computes it to refuse
 * variable-width look-behinds. `groupWidths` holds the widths of groups closed so far.
 */
export function widthOf(
  branches: Branches,
  groupWidths: ReadonlyMap<number, [number, number]>,
): [number, number] {
  let lo = Infinity
  let hi = 0
  for (const branch of branches) {
    let blo = 0
    let bhi = 0
    for (const node of branch) {
      const [nlo, nhi] = nodeWidth(node, groupWidths)
      blo += nlo
      bhi += nhi
    }
    lo = Math.min(lo, blo)
    hi = Math.max(hi, bhi)
  }
  return [lo === Infinity ? 0 : lo, hi]
}

function nodeWidth(node: RegexNode, groupWidths: ReadonlyMap<number, [number, number]>): [number, number] {
  switch (node.t) {
    case 'char':
    case 'any':
    case 'class':
    case 'category':
      return [1, 1]
    case 'at':
    case 'look':
      return [0, 0]
    case 'group':
    case 'atomic':
      return widthOf(node.body, groupWidths)
    case 'backref':
      return groupWidths.get(node.index) ?? [0, 0]
    case 'repeat': {
      const [lo, hi] = nodeWidth(node.body, groupWidths)
      return [lo * node.min, node.max === Infinity ? (hi === 0 ? 0 : Infinity) : hi * node.max]
    }
    default:
      return assertNever(node, 'regex node')
  }
}

/** Widths of every group, in number order (a back-reference only points at an earlier group). */
export function groupWidths(closed: ReadonlyMap<number, Branches>): Map<number, [number, number]> {
  const widths = new Map<number, [number, number]>()
  for (const index of [...closed.keys()].sort((a, b) => a - b)) {
    const body = closed.get(index)
    if (body !== undefined) widths.set(index, widthOf(body, widths))
  }
  return widths
}

/**
 * Python's compiler refuses a look-behind whose width varies (JavaScript would accept it). It runs
 * after parsing, so any syntax error is reported first, as in Python.
 */
export function checkLookbehinds(
  branches: Branches,
  widths: ReadonlyMap<number, [number, number]>,
): string | undefined {
  for (const branch of branches) {
    for (const node of branch) {
      const problem = checkNode(node, widths)
      if (problem !== undefined) return problem
    }
  }
  return undefined
}

function checkNode(node: RegexNode, widths: ReadonlyMap<number, [number, number]>): string | undefined {
  if (node.t === 'look' && node.behind) {
    const [lo, hi] = widthOf(node.body, widths)
    if (lo !== hi) return 'look-behind requires fixed-width pattern'
  }
  if (node.t === 'look' || node.t === 'group' || node.t === 'atomic')
    return checkLookbehinds(node.body, widths)
  if (node.t === 'repeat') return checkNode(node.body, widths)
  return undefined
}
