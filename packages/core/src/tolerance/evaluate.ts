/**
 * Judging a probe's value against a tolerance, as the reference's `within_tolerance` does
 * (docs/chaos-toolkit.md §3). It never throws: where the reference would raise, the verdict is
 * `unjudgeable` with a reason naming the tolerance kind, the value's type and what would work.
 */
import { assertNever, errorMessage } from '../errors.ts'
import { judgeJsonPath } from './jsonpath-tolerance.ts'
import { normalizeTolerance } from './normalize.ts'
import { judgeRange } from './range.ts'
import { judgeRegex } from './regex.ts'
import { judgeBool, judgeInt, judgeList, judgeStr } from './scalar.ts'
import type { Tolerance, ToleranceVerdict } from './types.ts'
import { notMet, unjudgeable } from './verdict.ts'

/** Judges `value` against a raw tolerance (as written in the experiment, after substitution). */
export function evaluateTolerance(tolerance: unknown, value: unknown): ToleranceVerdict {
  return evaluateNormalized(normalizeTolerance(tolerance), value)
}

export function evaluateNormalized(tolerance: Tolerance, value: unknown): ToleranceVerdict {
  try {
    return judge(tolerance, value)
  } catch (error) {
    // A bug here must not crash a run or pass a hypothesis.
    return unjudgeable(`the ${tolerance.kind} tolerance could not be evaluated: ${errorMessage(error)}`)
  }
}

function judge(tolerance: Tolerance, value: unknown): ToleranceVerdict {
  switch (tolerance.kind) {
    case 'bool':
      return judgeBool(tolerance.expected, value)
    case 'int':
      return judgeInt(tolerance.expected, value)
    case 'str':
      return judgeStr(tolerance.expected, value)
    case 'list':
      return judgeList(tolerance.items, value)
    case 'regex':
      return judgeRegex(tolerance, value)
    case 'jsonpath':
      return judgeJsonPath(tolerance, value)
    case 'range':
      return judgeRange(tolerance, value)
    case 'probe':
      return unjudgeable('a probe tolerance is evaluated by the engine')
    case 'unsupported':
      return notMet(tolerance.reason)
    default:
      return assertNever(tolerance, 'tolerance')
  }
}
