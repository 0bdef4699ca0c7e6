/**
 * Tolerances: how a hypothesis probe's value is judged (docs/chaos-toolkit.md §3) and validated (§6).
 */
export { evaluateNormalized, evaluateTolerance } from './evaluate.ts'
export { JsonPathMatchError, parseJsonPath, queryJsonPath, type JsonPathQuery } from './jsonpath.ts'
export { normalizeTolerance } from './normalize.ts'
export type { Tolerance, ToleranceVerdict } from './types.ts'
export { isProbeTolerance, validateTolerance } from './validate.ts'
