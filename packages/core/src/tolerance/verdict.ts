/**
 * Verdict constructors and the `target` step shared by the regex, jsonpath and range tolerances.
 */
import { isRecord } from '@steadystate/model'
import type { ToleranceVerdict } from './types.ts'
import { show, typeAndValue } from './values.ts'

export const MET: ToleranceVerdict = { met: true, kind: 'met' }

export function notMet(reason: string): ToleranceVerdict {
  return { met: false, kind: 'not-met', reason }
}

/** Where the reference raises: never met, and the reason says what would work. */
export function unjudgeable(reason: string): ToleranceVerdict {
  return { met: false, kind: 'unjudgeable', reason }
}

export type Targeted = { ok: true; value: unknown; where: string } | { ok: false; verdict: ToleranceVerdict }

/**
 * Python's `if target: value = value.get(target, value)`: the value must be a dict (anything else
 * raises), and a missing key leaves the whole dict. `where` names what was judged, for reasons.
 */
export function applyTarget(
  kind: string,
  tolerance: { target?: string; targetProblem?: string },
  value: unknown,
): Targeted {
  if (tolerance.targetProblem !== undefined) {
    return { ok: false, verdict: unjudgeable(`${kind} tolerance: ${tolerance.targetProblem}`) }
  }
  const target = tolerance.target
  if (target === undefined) return { ok: true, value, where: 'the value' }
  if (!isRecord(value)) {
    return {
      ok: false,
      verdict: unjudgeable(
        `${kind} tolerance has "target": ${show(target)}, which needs a mapping (such as an http or process result) ` +
          `but the probe returned ${typeAndValue(value)}; remove "target" to judge the value itself`,
      ),
    }
  }
  if (!Object.hasOwn(value, target))
    return { ok: true, value, where: `the value (it has no ${show(target)} key)` }
  return { ok: true, value: value[target], where: `the value's ${show(target)}` }
}
