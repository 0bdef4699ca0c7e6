/**
 * The regex tolerance: Python's `re.compile(pattern)`, then the target step, then
 * `re.search(pattern, value)`, which only accepts a string (anything else raises in the reference).
 */
import { isRecord } from '@steadystate/model'
import { compilePythonRegex, pythonSearch } from './pyregex.ts'
import type { Tolerance, ToleranceVerdict } from './types.ts'
import { isHttpResult, show, suggestedTarget, typeAndValue } from './values.ts'
import { MET, applyTarget, notMet, unjudgeable } from './verdict.ts'

type RegexTolerance = Extract<Tolerance, { kind: 'regex' }>

export function judgeRegex(tolerance: RegexTolerance, value: unknown): ToleranceVerdict {
  if (tolerance.malformed !== undefined) return unjudgeable(`regex tolerance: ${tolerance.malformed}`)
  const compiled = compilePythonRegex(tolerance.pattern)
  if (!compiled.ok) {
    const problem = compiled.unsupported ? 'cannot be used' : 'is not a valid Python regular expression'
    return unjudgeable(`regex tolerance pattern ${show(tolerance.pattern)} ${problem}: ${compiled.message}`)
  }
  const targeted = applyTarget('regex', tolerance, value)
  if (!targeted.ok) return targeted.verdict
  const text = targeted.value
  if (typeof text !== 'string') return unjudgeable(notText(tolerance, value, text, targeted.where))
  if (pythonSearch(compiled.regex, text)) return MET
  return notMet(`pattern ${show(tolerance.pattern)} was not found in ${targeted.where} ${show(text)}`)
}

/** Why the judged value is not text, and which setting would make it text. */
function notText(tolerance: RegexTolerance, value: unknown, judged: unknown, where: string): string {
  const base = `regex tolerance needs a string but ${where === 'the value' ? 'the probe returned' : `${where} is`} ${typeAndValue(judged)}`
  // The target found a mapping inside the value (a JSON body): text tools cannot look into it.
  if (tolerance.target !== undefined && isRecord(judged) && judged !== value) {
    const jsonBody = isHttpResult(value) ? ' (a JSON body)' : ''
    return `${base}${jsonBody}; use a jsonpath tolerance to look inside it`
  }
  const hint = suggestedTarget(value)
  return hint === undefined ? base : `${base}; ${hint}`
}
