import { isJsonObject, type JsonValue } from '@steadystate/model'
import type { ValidationIssue } from '../errors.ts'

/**
 * The shape of a `controls` list, with the reference's messages. Whether steadystate can honour
 * each control is decided apart (`controlProblems`), for the experiment's and the global ones alike.
 */
export function validateControls(controls: JsonValue | undefined, path: string): ValidationIssue[] {
  if (controls === undefined) return []
  if (!Array.isArray(controls)) return [{ path, message: 'controls must be a list', severity: 'error' }]
  const issues: ValidationIssue[] = []
  controls.forEach((control, index) => {
    const at = `${path}[${index}]`
    if (!isJsonObject(control)) {
      issues.push({
        path: at,
        message: "Control reference '{}' declaration cannot be found",
        severity: 'error',
      })
      return
    }
    if (typeof control.ref === 'string') return
    const name = control.name
    if (typeof name !== 'string' || name === '') {
      issues.push({ path: `${at}.name`, message: 'A control must have a `name` property', severity: 'error' })
      return
    }
    const provider = control.provider
    if (!isJsonObject(provider)) {
      issues.push({
        path: `${at}.provider`,
        message: `Control '${name}' must have a \`provider\` property`,
        severity: 'error',
      })
      return
    }
    const scope = control.scope
    if (scope !== undefined && scope !== 'before' && scope !== 'after') {
      issues.push({
        path: `${at}.scope`,
        message: `Control '${name}' scope property must be 'before' or 'after' only`,
        severity: 'error',
      })
    }
    if (typeof provider.module !== 'string' || provider.module === '') {
      issues.push({
        path: `${at}.provider.module`,
        message: `Control '${name}' must have a module path`,
        severity: 'error',
      })
    }
  })
  return issues
}
