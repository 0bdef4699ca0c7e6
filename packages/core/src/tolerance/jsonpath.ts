/**
 * A jsonpath2-compatible JSON path evaluator (our own code, following that library's documented
 * behaviour). Notable semantics kept from jsonpath2: a filter `[?(…)]` tests the value it is applied
 * to (so `$.items[*][?(@.b = "x")]` filters list items), `..` visits a value before its
 * descendants, and a negative slice start is clamped to the list.
 */
import { isRecord } from '@steadystate/model'
import { assertNever, errorMessage, SteadystateError } from '../errors.ts'
import { pyEquals, pyNumber, pyTruthy } from '../python.ts'
import { callSubscript } from './jsonpath-callables.ts'
import { JsonPathSyntaxError } from './jsonpath-lexer.ts'
import { parsePath } from './jsonpath-parse.ts'
import type {
  Expression,
  JsonPathQuery,
  Operand,
  PathChain,
  RelativePath,
  Subscript,
} from './jsonpath-syntax.ts'
import { pyInt } from './values.ts'

export type { JsonPathQuery } from './jsonpath-syntax.ts'

/** Raised while matching where jsonpath2 raises too (a slice step of 0). */
export class JsonPathMatchError extends SteadystateError {
  constructor(message: string) {
    super('TOLERANCE_UNJUDGEABLE', message)
    this.name = 'JsonPathMatchError'
  }
}

export function parseJsonPath(
  path: string,
): { ok: true; query: JsonPathQuery } | { ok: false; error: string } {
  try {
    return { ok: true, query: { text: path, chain: parsePath(path) } }
  } catch (error) {
    if (error instanceof JsonPathSyntaxError) return { ok: false, error: error.message }
    return { ok: false, error: errorMessage(error) }
  }
}

/** The values the path matches in `document`, in jsonpath2's order. Throws `JsonPathMatchError`. */
export function queryJsonPath(query: JsonPathQuery, document: unknown): unknown[] {
  const out: unknown[] = []
  matchChain(query.chain, document, document, out)
  return out
}

function matchChain(chain: PathChain, root: unknown, current: unknown, out: unknown[]): void {
  switch (chain.t) {
    case 'end':
      out.push(current)
      return
    case 'subscript':
      for (const subscript of chain.subscripts) {
        for (const value of matchSubscript(subscript, root, current)) matchChain(chain.next, root, value, out)
      }
      return
    case 'descend': {
      const link: PathChain = { t: 'subscript', subscripts: chain.subscripts, next: chain.next }
      descend(link, root, current, out)
      return
    }
    default:
      assertNever(chain, 'path link')
  }
}

function descend(link: PathChain, root: unknown, current: unknown, out: unknown[]): void {
  matchChain(link, root, current, out)
  for (const child of children(current)) descend(link, root, child, out)
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value
  if (isRecord(value)) return Object.values(value)
  return []
}

function matchSubscript(subscript: Subscript, root: unknown, current: unknown): unknown[] {
  switch (subscript.t) {
    case 'key':
      return isRecord(current) && Object.hasOwn(current, subscript.key) ? [current[subscript.key]] : []
    case 'index':
      return Array.isArray(current) ? indexInto(current, subscript.index) : []
    case 'slice':
      return Array.isArray(current)
        ? sliceIndices(current.length, subscript).flatMap((i) => indexInto(current, i))
        : []
    case 'wildcard':
      return children(current)
    case 'filter':
      return evaluate(subscript.expression, root, current) ? [current] : []
    case 'path':
      return matchPath(subscript.path, root, current).flatMap((key) => {
        const index = pyInt(key)
        if (index !== undefined) return Array.isArray(current) ? indexInto(current, index) : []
        if (typeof key === 'string')
          return isRecord(current) && Object.hasOwn(current, key) ? [current[key]] : []
        return []
      })
    case 'call':
      return product(subscript.args.map((arg) => operandValues(arg, root, current))).flatMap((args) =>
        callSubscript(subscript.name, args, current),
      )
    default:
      return assertNever(subscript, 'subscript')
  }
}

function indexInto(list: unknown[], index: number): unknown[] {
  const at = index < 0 ? index + list.length : index
  return at >= 0 && at < list.length ? [list[at]] : []
}

/**
 * jsonpath2 builds `range(start, end, step)` and indexes with each (negative indexes wrap once).
 * Indexes that cannot hit the list are skipped arithmetically, so `[0:10**18]` stays cheap.
 */
function sliceIndices(length: number, slice: Extract<Subscript, { t: 'slice' }>): number[] {
  const step = slice.step ?? 1
  if (step === 0) throw new JsonPathMatchError('range() arg 3 must not be zero')
  let start = slice.start ?? 0
  if (start < 0) start += Math.abs(start) < length ? length : Math.abs(start)
  let end = slice.end ?? length
  if (slice.end !== undefined && end < 0) end += length
  const indices: number[] = []
  if (step > 0) {
    for (let i = start; i < Math.min(end, length); i += step) indices.push(i)
    return indices
  }
  // Descending: skip the indexes above the list, keeping the stride, and stop below -length.
  let i = start
  if (i > length - 1) i -= Math.ceil((i - (length - 1)) / -step) * -step
  for (; i > end && i >= -length; i += step) indices.push(i)
  return indices
}

function matchPath(path: RelativePath, root: unknown, current: unknown): unknown[] {
  const out: unknown[] = []
  matchChain(path.chain, root, path.from === '$' ? root : current, out)
  return out
}

function operandValues(operand: Operand, root: unknown, current: unknown): unknown[] {
  return operand.t === 'path' ? matchPath(operand.path, root, current) : [operand.value]
}

function product(lists: unknown[][]): unknown[][] {
  return lists.reduce<unknown[][]>(
    (acc, list) => acc.flatMap((prefix) => list.map((item) => [...prefix, item])),
    [[]],
  )
}

function evaluate(expression: Expression, root: unknown, current: unknown): boolean {
  switch (expression.t) {
    case 'and':
      return expression.items.every((item) => evaluate(item, root, current))
    case 'or':
      return expression.items.some((item) => evaluate(item, root, current))
    case 'not':
      return !evaluate(expression.expression, root, current)
    case 'some':
      return expression.operand.t === 'path'
        ? matchPath(expression.operand.path, root, current).length > 0
        : pyTruthy(expression.operand.value)
    case 'compare': {
      const lefts = operandValues(expression.left, root, current)
      const rights = operandValues(expression.right, root, current)
      return lefts.some((left) => rights.some((right) => compare(expression.op, left, right)))
    }
    default:
      return assertNever(expression, 'filter expression')
  }
}

/** `=`/`!=` are Python `==`/`!=`; orderings hold only between numbers (booleans count). */
function compare(op: Extract<Expression, { t: 'compare' }>['op'], left: unknown, right: unknown): boolean {
  if (op === '=') return pyEquals(left, right)
  if (op === '!=') return !pyEquals(left, right)
  const a = pyNumber(left)
  const b = pyNumber(right)
  if (a === undefined || b === undefined) return false
  if (op === '<') return a < b
  if (op === '<=') return a <= b
  if (op === '>') return a > b
  return a >= b
}
