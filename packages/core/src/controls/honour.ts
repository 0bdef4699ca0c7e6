import { isJsonObject, type SkippedControl } from '@steadystate/model'
import type { ValidationIssue } from '../errors.ts'
import type { DeclaredControl, GlobalControlSource } from './declared.ts'
import { isBridged, type BridgedVerdict } from './python/inspect.ts'
import { SAFEGUARDS_MODULE } from './safeguards/probes.ts'

/** The flag (and CI inputs) that let a run go on without the controls it cannot honour. */
export const SKIP_UNKNOWN_CONTROLS_FLAG = '--skip-unknown-controls'

/**
 * Why steadystate cannot honour this control, from its declaration alone; undefined when it can
 * (a bridged control is then decided by what the Python worker finds: `bridgedProblem`).
 */
export function honourProblem(control: DeclaredControl): string | undefined {
  if (control.module === SAFEGUARDS_MODULE) {
    if (control.level === 'experiment' || control.level === 'global') return undefined
    // The reference calls no hook of this module below the experiment: it would do nothing there.
    return `safeguards watch a whole run: declare them in the experiment's top-level controls or in a settings file, not at ${control.level} level`
  }
  if (control.module === '') return 'its provider names no Python module, and steadystate runs no other kind'
  if (isBridged(control)) return undefined
  const type = isJsonObject(control.declaration.provider) ? control.declaration.provider.type : undefined
  return `its provider type is ${JSON.stringify(type ?? null)}: controls run only as \`"type": "python"\` providers`
}

/** Why a bridged control cannot run, and whether --skip-unknown-controls may drop it. */
function bridgedProblem(
  verdict: BridgedVerdict | undefined,
): { problem: string; skippable: boolean } | undefined {
  if (verdict === undefined || verdict.kind === 'ok') return undefined
  return { problem: verdict.problem, skippable: verdict.kind === 'missing' }
}

/** A control in words: its name, its module and where it was declared. */
export function describeControl(control: DeclaredControl): string {
  const module = control.module === '' ? 'no provider module' : `provider module '${control.module}'`
  return `control '${control.name}' (${module}) declared at ${control.path} in ${control.file}`
}

/**
 * Controls that cannot be honoured are validation errors (safety fails closed), unless the user
 * asked to run without them: then each is a warning, and a `SkippedControl` for the journal.
 */
export function controlProblems(
  declared: readonly DeclaredControl[],
  skipUnknown: boolean,
  bridged: ReadonlyMap<DeclaredControl, BridgedVerdict> = new Map(),
): { issues: ValidationIssue[]; skipped: SkippedControl[] } {
  const issues: ValidationIssue[] = []
  const skipped: SkippedControl[] = []
  for (const control of declared) {
    const declaredProblem = honourProblem(control)
    const found =
      declaredProblem === undefined
        ? bridgedProblem(bridged.get(control))
        : { problem: declaredProblem, skippable: true }
    if (found === undefined) continue
    const { problem, skippable } = found
    const path = control.level === 'global' ? '' : control.path
    if (skipUnknown && skippable) {
      skipped.push({ file: control.file, path: control.path, name: control.name, module: control.module })
      issues.push({
        path,
        message: `running WITHOUT ${describeControl(control)}: ${problem} (${SKIP_UNKNOWN_CONTROLS_FLAG})`,
        severity: 'warning',
      })
    } else {
      const message = skippable
        ? `${describeControl(control)} cannot be honoured: ${problem}; remove it, or pass ${SKIP_UNKNOWN_CONTROLS_FLAG} to run without it`
        : `${describeControl(control)} is not valid: ${problem}`
      issues.push({ path, message, severity: 'error' })
    }
  }
  return { issues, skipped }
}

/** The shape of global controls: a mapping of names to controls, each with a provider. */
export function globalControlShapeProblems(source: GlobalControlSource): ValidationIssue[] {
  const { file, controls } = source
  if (controls === undefined || controls === null) return []
  if (!isJsonObject(controls))
    return [
      { path: '', message: `${file}: controls must be a mapping of names to controls`, severity: 'error' },
    ]
  return Object.entries(controls).flatMap(([name, control]) =>
    isJsonObject(control) && isJsonObject(control.provider)
      ? []
      : [
          {
            path: '',
            message: `${file}: control '${name}' must be a mapping with a \`provider\``,
            severity: 'error' as const,
          },
        ],
  )
}
