/**
 * The syntax tree of a jsonpath2 path. A path is a chain: each link applies its subscripts to the
 * current values and hands every result to the next link.
 */
import type { JsonValue } from '@steadystate/model'

export type PathChain =
  | { t: 'end' }
  /** `.name`, `[…]`: the subscripts, in order, then the rest of the chain. */
  | { t: 'subscript'; subscripts: Subscript[]; next: PathChain }
  /** `..name`, `..[…]`: the same link applied at the current value and at every descendant. */
  | { t: 'descend'; subscripts: Subscript[]; next: PathChain }

/** `$…` (from the document root) or `@…` (from the value being filtered or subscripted). */
export interface RelativePath {
  from: '$' | '@'
  chain: PathChain
}

export type CallableName = 'charAt' | 'entries' | 'keys' | 'length' | 'substring' | 'values'

export type Subscript =
  | { t: 'key'; key: string }
  | { t: 'index'; index: number }
  | { t: 'slice'; start: number | undefined; end: number | undefined; step: number | undefined }
  | { t: 'wildcard' }
  | { t: 'filter'; expression: Expression }
  /** `[$.x]`/`[@.x]`: each match is used as an index (int) or a key (string). */
  | { t: 'path'; path: RelativePath }
  | { t: 'call'; name: CallableName; args: Operand[] }

export type Operand = { t: 'path'; path: RelativePath } | { t: 'value'; value: JsonValue }

export type Comparison = '=' | '!=' | '<' | '<=' | '>' | '>='

export type Expression =
  | { t: 'and'; items: Expression[] }
  | { t: 'or'; items: Expression[] }
  | { t: 'not'; expression: Expression }
  | { t: 'compare'; op: Comparison; left: Operand; right: Operand }
  /** A bare operand: a path that matches something, or a truthy literal. */
  | { t: 'some'; operand: Operand }

/** A parsed path; opaque to callers, who pass it back to `queryJsonPath`. */
export interface JsonPathQuery {
  readonly text: string
  readonly chain: PathChain
}
