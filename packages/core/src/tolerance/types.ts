import type { JsonValue } from '@steadystate/model'

/**
 * A tolerance, normalised from the raw experiment value. The raw forms are those of
 * docs/chaos-toolkit.md §3; string parts are substituted before normalising.
 *
 * `malformed` (regex, jsonpath, range) is set when the raw tolerance is broken in a way the reference
 * only discovers while judging a value (it then raises): a pattern or path that is not a string, a
 * range that cannot be indexed. `targetProblem` is set for a `target` that is not a key name. Such
 * a tolerance is never met and its verdict says why; validation reports these earlier.
 */
export type Tolerance =
  | { kind: 'bool'; expected: boolean }
  | { kind: 'int'; expected: number }
  | { kind: 'str'; expected: string }
  | { kind: 'list'; items: JsonValue[] }
  | { kind: 'regex'; pattern: string; target?: string; malformed?: string; targetProblem?: string }
  | {
      kind: 'jsonpath'
      path: string
      target?: string
      /** `NaN` when the raw count is not a number: like Python, no length ever equals it. */
      count?: number
      /** Present (even when its value is null) when the raw tolerance has an `expect` key. */
      expect?: { value: JsonValue }
      malformed?: string
      targetProblem?: string
    }
  | {
      kind: 'range'
      range: [JsonValue, JsonValue]
      target?: string
      malformed?: string
      targetProblem?: string
    }
  | { kind: 'probe'; activity: { [key: string]: JsonValue } }
  /** A tolerance the reference cannot judge (e.g. a float); never met. */
  | { kind: 'unsupported'; reason: string }

/**
 * The result of judging a probe's value against a tolerance. `met` is true only when the tolerance
 * is met; otherwise `reason` says why, in words a person can act on.
 */
export type ToleranceVerdict =
  | { met: true; kind: 'met' }
  | { met: false; kind: 'not-met'; reason: string }
  /** The reference would have raised here (a value of a type the tolerance cannot judge). */
  | { met: false; kind: 'unjudgeable'; reason: string }
