/**
 * `chaos validate`'s tolerance checks (docs/chaos-toolkit.md §6), with the reference's exact
 * messages. The reference stops at the first problem; here every independent problem is reported at
 * once.
 */
import { isRecord } from '@steadystate/model'
import type { ValidationIssue } from '../errors.ts'
import { pyStr } from '../python.ts'
import { parseJsonPath } from './jsonpath.ts'
import { compilePythonRegex } from './pyregex.ts'
import { pyStrip } from './values.ts'

const NOT_A_TOLERANCE =
  'hypothesis probe tolerance must either be an integer, a string, a boolean or a pair of values for boundaries. ' +
  'It can also be a dictionary which is a probe activity definition that takes an argument called `value` ' +
  'with the value of the probe itself to be validated'

/** A `{"type": "probe", …}` tolerance: an activity the engine runs (and validates) itself. */
export function isProbeTolerance(raw: unknown): raw is Record<string, unknown> {
  return isRecord(raw) && raw.type === 'probe'
}

/** `path` is where the tolerance sits, e.g. `steady-state-hypothesis.probes[0].tolerance`. */
export function validateTolerance(raw: unknown, path: string): ValidationIssue[] {
  const isInt = typeof raw === 'number' && Number.isInteger(raw)
  if (!(
    isInt ||
    typeof raw === 'boolean' ||
    typeof raw === 'string' ||
    Array.isArray(raw) ||
    isRecord(raw)
  )) {
    // Floats included: Python's isinstance check admits bool, int, list, str and dict only.
    return [issue(path, NOT_A_TOLERANCE)]
  }
  if (!isRecord(raw)) return []
  switch (raw.type) {
    case 'probe':
      return []
    case 'regex':
      return validateRegex(raw, path)
    case 'jsonpath':
      return validateJsonPath(raw, path)
    case 'range':
      return validateRange(raw, path)
    default:
      return [
        issue(`${path}.type`, `hypothesis probe tolerance type '${pyStr(raw.type ?? null)}' is unsupported`),
      ]
  }
}

function issue(path: string, message: string): ValidationIssue {
  return { path, message, severity: 'error' }
}

function validateRegex(raw: Record<string, unknown>, path: string): ValidationIssue[] {
  const at = `${path}.pattern`
  if (!Object.hasOwn(raw, 'pattern'))
    return [issue(at, 'hypothesis regex probe tolerance must have a `pattern` key')]
  const pattern = raw.pattern
  if (typeof pattern !== 'string') {
    return [issue(at, `hypothesis probe tolerance pattern ${pyStr(pattern ?? null)} has an invalid type`)]
  }
  const compiled = compilePythonRegex(pattern)
  if (compiled.ok) return []
  if (compiled.unsupported) {
    return [
      issue(
        at,
        `hypothesis probe tolerance pattern ${pattern} cannot be run by steadystate: ${compiled.message}`,
      ),
    ]
  }
  // Python's compiler (not its parser) raises this one, with no pattern attached: it prints None.
  const shown = compiled.message === 'look-behind requires fixed-width pattern' ? 'None' : pattern
  return [issue(at, `hypothesis probe tolerance pattern ${shown} seems invalid: ${compiled.message}`)]
}

function validateJsonPath(raw: Record<string, unknown>, path: string): ValidationIssue[] {
  const at = `${path}.path`
  if (!Object.hasOwn(raw, 'path'))
    return [issue(at, 'hypothesis jsonpath probe tolerance must have a `path` key')]
  const value = raw.path
  if (typeof value !== 'string') {
    return [issue(at, `hypothesis probe tolerance JSON path ${pyStr(value ?? null)} has an invalid type`)]
  }
  const stripped = pyStrip(value)
  if (stripped === '') return [issue(at, 'hypothesis probe tolerance JSON path cannot be empty')]
  if (!parseJsonPath(stripped).ok)
    return [issue(at, `hypothesis probe tolerance JSON path ${stripped} is invalid`)]
  return []
}

function validateRange(raw: Record<string, unknown>, path: string): ValidationIssue[] {
  const at = `${path}.range`
  if (!Object.hasOwn(raw, 'range'))
    return [issue(at, 'hypothesis range probe tolerance must have a `range` key')]
  const range = raw.range
  if (!Array.isArray(range)) return [issue(at, 'hypothesis range must be a sequence')]
  if (range.length !== 2) return [issue(at, 'hypothesis range sequence must be made of two values')]
  // numbers.Number: ints, floats and booleans.
  const isNumber = (bound: unknown): boolean => typeof bound === 'number' || typeof bound === 'boolean'
  const issues: ValidationIssue[] = []
  if (!isNumber(range[0])) issues.push(issue(`${at}[0]`, 'hypothesis range lower boundary must be a number'))
  if (!isNumber(range[1])) issues.push(issue(`${at}[1]`, 'hypothesis range upper boundary must be a number'))
  return issues
}
