import { isJsonObject, type ActivityEntry, type SafeguardMode } from '@steadystate/model'
import type { ValidationIssue } from '../../errors.ts'
import { valueText } from '../../text/value-text.ts'
import { normalizeEntry } from '../../experiment/normalize.ts'
import { validateHypothesisProbe, type ActivityValidationContext } from '../../validate/activity.ts'
import type { DeclaredControl } from '../declared.ts'

/** chaostoolkit-addons' safeguards control, which steadystate runs natively. */
export const SAFEGUARDS_MODULE = 'chaosaddons.controls.safeguards'

/** One probe of a safeguards control, and how it runs (chaostoolkit-addons' rules). */
export interface SafeguardProbe {
  /** The control it belongs to (its `name`). */
  control: string
  name: string
  mode: SafeguardMode
  /** Seconds between checks of a `repeating` probe. */
  frequencySeconds: number
  entry: ActivityEntry
}

/** The control's `provider.arguments.probes`, as written. */
function declaredProbes(control: DeclaredControl): unknown {
  const provider = control.declaration.provider
  const args = isJsonObject(provider) ? provider.arguments : undefined
  return isJsonObject(args) ? args.probes : undefined
}

/**
 * A probe's mode, as chaostoolkit-addons decides it: a truthy `frequency` repeats (every N s), else
 * a truthy `background` runs once alongside the run, else it is a blocking pre-check.
 */
function modeOf(probe: Record<string, unknown>): { mode: SafeguardMode; frequencySeconds: number } {
  const frequency = probe.frequency
  if (typeof frequency === 'number' && frequency > 0)
    return { mode: 'repeating', frequencySeconds: frequency }
  if (probe.background === true) return { mode: 'background', frequencySeconds: 0 }
  return { mode: 'pre-check', frequencySeconds: 0 }
}

/** The probes of a safeguards control (those that are mappings: validation reports the rest). */
export function safeguardProbes(control: DeclaredControl): SafeguardProbe[] {
  const probes = declaredProbes(control)
  if (!Array.isArray(probes)) return []
  return probes.filter(isJsonObject).map((probe) => ({
    control: control.name,
    name: typeof probe.name === 'string' ? probe.name : typeof probe.ref === 'string' ? probe.ref : '',
    ...modeOf(probe),
    entry: normalizeEntry(probe),
  }))
}

/**
 * The reference's `validate_control`: at least one probe, each a valid activity of type `probe`
 * with a valid tolerance; plus a `frequency` that is a positive number of seconds.
 */
export async function validateSafeguards(
  control: DeclaredControl,
  context: ActivityValidationContext,
): Promise<ValidationIssue[]> {
  const at = `${control.path}.provider.arguments.probes`
  const where = control.level === 'global' ? `${control.file}: ` : ''
  const error = (path: string, message: string): ValidationIssue => ({
    path: control.level === 'global' ? '' : path,
    message: `${where}${message}`,
    severity: 'error',
  })
  const probes = declaredProbes(control)
  if (!Array.isArray(probes) || probes.length === 0)
    return [error(at, `safeguard control '${control.name}' must have at least one probe`)]
  const issues: ValidationIssue[] = []
  for (const [index, probe] of probes.entries()) {
    const path = `${at}[${index}]`
    if (!isJsonObject(probe)) {
      issues.push(error(path, 'a safeguard probe must be a mapping'))
      continue
    }
    if (probe.ref === undefined && probe.type !== 'probe') {
      issues.push(
        error(
          `${path}.type`,
          `safeguard control '${valueText(probe.name ?? null)}' should be of type 'probe' not '${valueText(probe.type ?? null)}'`,
        ),
      )
      continue
    }
    const frequency = probe.frequency
    if (frequency !== undefined && frequency !== null && !(typeof frequency === 'number' && frequency >= 0))
      issues.push(error(`${path}.frequency`, 'frequency must be a number of seconds'))
    for (const issue of await validateHypothesisProbe(normalizeEntry(probe), path, context))
      issues.push(
        issue.severity === 'error'
          ? error(issue.path, issue.message.replace('hypothesis probe must', 'a safeguard probe must'))
          : issue,
      )
  }
  return issues
}
