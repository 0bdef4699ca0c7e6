/**
 * Tokens of the jsonpath2 grammar (the JSON path library the reference uses). Its lexer takes the
 * longest match and, on a tie, the earlier rule, so `and`/`true` are keywords while `android` is a
 * name. Strings are double-quoted only: `['name']` is a syntax error there, and so here.
 */
import { SteadystateError } from '../errors.ts'

export type TokenType =
  | '@'
  | '..'
  | '$'
  | '.'
  | '*'
  | 'and'
  | '='
  | '>='
  | '>'
  | '<='
  | '<'
  | '!='
  | 'not'
  | 'or'
  | 'true'
  | 'false'
  | 'null'
  | '{'
  | '}'
  | '['
  | ']'
  | ':'
  | ','
  | '('
  | ')'
  | '?'
  | 'id'
  | 'string'
  | 'number'
  | 'eof'

export interface Token {
  type: TokenType
  text: string
  pos: number
}

/** A `jsonpath` tolerance's path that does not parse: the experiment is invalid. */
export class JsonPathSyntaxError extends SteadystateError {
  constructor(message: string) {
    super('EXPERIMENT_INVALID', message)
    this.name = 'JsonPathSyntaxError'
  }
}

const KEYWORDS = new Set(['and', 'not', 'or', 'true', 'false', 'null'])
/** Punctuation, longest first so `..`, `>=`, `<=`, `!=` win over their prefixes. */
const PUNCTUATION = [
  '..',
  '>=',
  '<=',
  '!=',
  '@',
  '$',
  '.',
  '*',
  '=',
  '>',
  '<',
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  '(',
  ')',
  '?',
]
const ID = /[_A-Za-z][_A-Za-z0-9]*/y
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?(?:0|[1-9][0-9]*))?/y
// eslint-disable-next-line no-control-regex -- JSON strings may not hold raw control characters
const STRING = /"(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})|[^"\\\u0000-\u001f])*"/y
const WHITESPACE = /[ \t\n\r]+/y

export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let pos = 0
  while (pos < text.length) {
    const space = matchAt(WHITESPACE, text, pos)
    if (space !== undefined) {
      pos += space.length
      continue
    }
    const token = readToken(text, pos)
    if (token === undefined)
      throw new JsonPathSyntaxError(`unexpected character ${JSON.stringify(text[pos])} at position ${pos}`)
    tokens.push(token)
    pos += token.text.length
  }
  tokens.push({ type: 'eof', text: '', pos })
  return tokens
}

function readToken(text: string, pos: number): Token | undefined {
  const id = matchAt(ID, text, pos)
  if (id !== undefined) return { type: KEYWORDS.has(id) ? (id as TokenType) : 'id', text: id, pos }
  const number = matchAt(NUMBER, text, pos)
  if (number !== undefined) return { type: 'number', text: number, pos }
  const string = matchAt(STRING, text, pos)
  if (string !== undefined) return { type: 'string', text: string, pos }
  const punctuation = PUNCTUATION.find((candidate) => text.startsWith(candidate, pos))
  if (punctuation !== undefined) return { type: punctuation as TokenType, text: punctuation, pos }
  return undefined
}

function matchAt(pattern: RegExp, text: string, pos: number): string | undefined {
  pattern.lastIndex = pos
  return pattern.exec(text)?.[0]
}

/** Reading tokens one at a time, for the parser. */
export class TokenCursor {
  protected index = 0

  constructor(private readonly tokens: Token[]) {}

  protected peek(): Token {
    return this.tokens[this.index] ?? { type: 'eof', text: '', pos: 0 }
  }

  protected take(): Token {
    const token = this.peek()
    if (token.type !== 'eof') this.index++
    return token
  }

  protected accept(type: TokenType): boolean {
    if (this.peek().type !== type) return false
    this.index++
    return true
  }

  expect(type: TokenType): Token {
    const token = this.peek()
    if (token.type !== type) throw this.unexpected(`expected ${type === 'eof' ? 'the end' : `"${type}"`}`)
    this.take()
    return token
  }

  protected unexpected(what: string): JsonPathSyntaxError {
    const token = this.peek()
    const found = token.type === 'eof' ? 'the end of the path' : `"${token.text}"`
    return new JsonPathSyntaxError(`${what} but found ${found} at position ${token.pos}`)
  }
}
