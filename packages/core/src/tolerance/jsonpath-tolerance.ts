/**
 * The jsonpath tolerance: parse the path, apply the target, decode a JSON string, then judge the
 * matches: at least one, exactly `count`, or equal to `expect` (a non-list `expect` means
 * `[expect]`; a present `expect` wins over `count`).
 */
import { nestingProblem } from '../experiment/nesting.ts'
import { pyEquals } from '../python.ts'
import { JsonPathMatchError, parseJsonPath, queryJsonPath } from './jsonpath.ts'
import type { Tolerance, ToleranceVerdict } from './types.ts'
import { show } from './values.ts'
import { MET, applyTarget, notMet, unjudgeable } from './verdict.ts'

type JsonPathTolerance = Extract<Tolerance, { kind: 'jsonpath' }>

export function judgeJsonPath(tolerance: JsonPathTolerance, value: unknown): ToleranceVerdict {
  if (tolerance.malformed !== undefined) return unjudgeable(`jsonpath tolerance: ${tolerance.malformed}`)
  const parsed = parseJsonPath(tolerance.path)
  if (!parsed.ok) {
    return unjudgeable(
      `jsonpath tolerance: JSON path ${show(tolerance.path)} is invalid (${parsed.error}); see the jsonpath2 syntax`,
    )
  }
  const targeted = applyTarget('jsonpath', tolerance, value)
  if (!targeted.ok) return targeted.verdict
  const document = typeof targeted.value === 'string' ? pyJsonLoads(targeted.value) : targeted.value
  // A probe's text can decode to any depth; the query below recurses through it.
  const tooDeep = nestingProblem(document, 'the value')
  if (tooDeep !== undefined) return unjudgeable(`jsonpath tolerance: ${tooDeep}`)
  let values: unknown[]
  try {
    values = queryJsonPath(parsed.query, document)
  } catch (error) {
    if (!(error instanceof JsonPathMatchError)) throw error
    return unjudgeable(
      `jsonpath tolerance: JSON path ${show(tolerance.path)} cannot be applied: ${error.message}`,
    )
  }
  const path = `JSON path ${show(tolerance.path)}`
  const found = `${values.length} value${values.length === 1 ? '' : 's'} ${show(values)}`
  if (tolerance.expect !== undefined) {
    const expected = tolerance.expect.value
    const wanted = Array.isArray(expected) ? expected : [expected]
    if (pyEquals(values, wanted)) return MET
    return notMet(`${path} matched ${found} in ${targeted.where} but "expect" wants ${show(wanted)}`)
  }
  if (tolerance.count !== undefined) {
    if (values.length === tolerance.count) return MET
    return notMet(`${path} matched ${found} in ${targeted.where} but "count" is ${show(tolerance.count)}`)
  }
  if (values.length > 0) return MET
  return notMet(`${path} matched nothing in ${targeted.where} ${show(document)}`)
}

const SPECIAL = new Map<string, number>([
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
])

/**
 * Python's `json.loads`, or the text itself when it is not JSON. Python also reads the bare
 * `NaN`/`Infinity`/`-Infinity` that some services emit, which `JSON.parse` rejects.
 */
function pyJsonLoads(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    if (!/NaN|Infinity/.test(text)) return text
  }
  const marker = `\u0000pyjson${Math.random().toString(36).slice(2)}:`
  const quoted = text.replace(/"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g, (token) =>
    token.startsWith('"') ? token : JSON.stringify(marker + token),
  )
  try {
    return JSON.parse(quoted, (_key, item: unknown) =>
      typeof item === 'string' && item.startsWith(marker) ? SPECIAL.get(item.slice(marker.length)) : item,
    )
  } catch {
    return text
  }
}
