/**
 * A recursive-descent parser for the jsonpath2 grammar. It accepts exactly what jsonpath2 accepts,
 * including its quirks: filters use a single `=`, `and` binds looser than `or`, string literals keep
 * their backslash escapes verbatim, and an index must be an integer.
 */
import type { JsonValue } from '@steadystate/model'
import { JsonPathSyntaxError, TokenCursor, tokenize, type TokenType } from './jsonpath-lexer.ts'
import type {
  CallableName,
  Comparison,
  Expression,
  Operand,
  PathChain,
  RelativePath,
  Subscript,
} from './jsonpath-syntax.ts'

const CALLABLES = new Set<string>(['charAt', 'entries', 'keys', 'length', 'substring', 'values'])
const COMPARISONS = new Set<TokenType>(['=', '!=', '<', '<=', '>', '>='])
const INTEGER = /^-?[0-9]+$/
const LITERALS = new Map<TokenType, JsonValue>([
  ['true', true],
  ['false', false],
  ['null', null],
])

export function parsePath(text: string): PathChain {
  const parser = new Parser(tokenize(text))
  parser.expect('$')
  const chain = parser.chain()
  parser.expect('eof')
  return chain
}

class Parser extends TokenCursor {
  /** `subscript?`: zero or more links. */
  chain(): PathChain {
    if (this.accept('..')) {
      const subscripts = this.peek().type === '[' ? this.bracket() : [this.bareword()]
      return { t: 'descend', subscripts, next: this.chain() }
    }
    if (this.accept('.')) return { t: 'subscript', subscripts: [this.bareword()], next: this.chain() }
    if (this.peek().type === '[') return { t: 'subscript', subscripts: this.bracket(), next: this.chain() }
    return { t: 'end' }
  }

  private bareword(): Subscript {
    if (this.accept('*')) return { t: 'wildcard' }
    if (this.peek().type !== 'id') throw this.unexpected('expected a name or "*"')
    const name = this.take().text
    return this.peek().type === '(' ? this.call(name) : { t: 'key', key: name }
  }

  private bracket(): Subscript[] {
    this.expect('[')
    const subscripts = [this.subscriptable()]
    while (this.accept(',')) subscripts.push(this.subscriptable())
    this.expect(']')
    return subscripts
  }

  private subscriptable(): Subscript {
    const token = this.peek()
    const type = token.type
    if (type === 'string') {
      this.take()
      return { t: 'key', key: token.text.slice(1, -1) }
    }
    if (type === 'number') {
      const start = this.integer()
      return this.peek().type === ':' ? this.slice(start) : { t: 'index', index: start }
    }
    if (type === ':') return this.slice(undefined)
    if (this.accept('*')) return { t: 'wildcard' }
    if (this.accept('?')) {
      this.expect('(')
      const expression = this.expression()
      this.expect(')')
      return { t: 'filter', expression }
    }
    if (type === '$' || type === '@') return { t: 'path', path: this.relativePath() }
    if (type !== 'id') throw this.unexpected('expected a subscript')
    this.take()
    if (this.peek().type !== '(') throw this.unexpected('expected "(" after a callable name')
    return this.call(token.text)
  }

  /** jsonpath2 casts indexes with Python's `int()`: `1.5` or `1e3` is not an index. */
  private integer(): number {
    const token = this.expect('number')
    if (!INTEGER.test(token.text))
      throw new JsonPathSyntaxError(`index ${token.text} at position ${token.pos} is not an integer`)
    return Number(token.text)
  }

  private slice(start: number | undefined): Subscript {
    this.expect(':')
    const end = this.peek().type === 'number' ? this.integer() : undefined
    let step: number | undefined
    if (this.accept(':') && this.peek().type === 'number') step = this.integer()
    return { t: 'slice', start, end, step }
  }

  private call(name: string): Subscript {
    if (!CALLABLES.has(name)) throw new JsonPathSyntaxError(`callable subscript '${name}' not found`)
    this.expect('(')
    const args: Operand[] = []
    if (this.peek().type !== ')') {
      args.push(this.operand())
      while (this.accept(',')) args.push(this.operand())
    }
    this.expect(')')
    return { t: 'call', name: name as CallableName, args }
  }

  private relativePath(): RelativePath {
    const from = this.take().type === '$' ? '$' : '@'
    return { from, chain: this.chain() }
  }

  // expression: or-expressions joined by `and` (jsonpath2 gives `or` the tighter binding).
  private expression(): Expression {
    const items = [this.orExpression()]
    while (this.accept('and')) items.push(this.orExpression())
    return items.length === 1 && items[0] !== undefined ? items[0] : { t: 'and', items }
  }

  private orExpression(): Expression {
    const items = [this.notExpression()]
    while (this.accept('or')) items.push(this.notExpression())
    return items.length === 1 && items[0] !== undefined ? items[0] : { t: 'or', items }
  }

  private notExpression(): Expression {
    if (this.accept('not')) return { t: 'not', expression: this.notExpression() }
    if (this.accept('(')) {
      const inner = this.expression()
      this.expect(')')
      return inner
    }
    const left = this.operand()
    const op = this.peek().type
    if (!COMPARISONS.has(op)) return { t: 'some', operand: left }
    this.take()
    return { t: 'compare', op: op as Comparison, left, right: this.operand() }
  }

  private operand(): Operand {
    const type = this.peek().type
    if (type === '$' || type === '@') return { t: 'path', path: this.relativePath() }
    return { t: 'value', value: this.value() }
  }

  /** A JSON literal; strings keep their escapes verbatim, as jsonpath2 does. */
  private value(): JsonValue {
    const token = this.peek()
    const literal = LITERALS.get(token.type)
    if (literal !== undefined) {
      this.take()
      return literal
    }
    if (token.type === 'string' || token.type === 'number') {
      this.take()
      return token.type === 'string' ? token.text.slice(1, -1) : Number(token.text)
    }
    if (this.accept('{')) return this.object()
    if (!this.accept('[')) throw this.unexpected('expected a path or a JSON value')
    const items: JsonValue[] = []
    if (!this.accept(']')) {
      do items.push(this.value())
      while (this.accept(','))
      this.expect(']')
    }
    return items
  }

  private object(): JsonValue {
    const object: { [key: string]: JsonValue } = {}
    if (this.accept('}')) return object
    do {
      const key = this.expect('string').text.slice(1, -1)
      this.expect(':')
      // defineProperty: a `__proto__` key must stay an ordinary key.
      Object.defineProperty(object, key, {
        value: this.value(),
        enumerable: true,
        writable: true,
        configurable: true,
      })
    } while (this.accept(','))
    this.expect('}')
    return object
  }
}
