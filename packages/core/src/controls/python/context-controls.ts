import { isJsonObject, type JsonObject, type JsonValue } from '@steadystate/model'
import { pyTruthy } from '../../python.ts'

/** Where a hook is called: chaostoolkit-lib's control levels (its loader level has no moment here). */
export type HookLevel = 'experiment' | 'hypothesis' | 'method' | 'rollback' | 'activity'
export type HookScope = 'before' | 'after'

/** The function a control module defines for a level and scope (`before_method_control`, …). */
export function hookName(level: HookLevel, scope: HookScope): string {
  return `${scope}_${level}_control`
}

const list = (value: JsonValue | undefined): JsonObject[] =>
  Array.isArray(value) ? value.filter(isJsonObject) : []

const automatic = (control: JsonObject): boolean =>
  !Object.hasOwn(control, 'automatic') || pyTruthy(control.automatic)

/**
 * The controls that apply at `level`, in the order the reference applies them (chaostoolkit-lib's
 * get_context_controls, quirks included): the global ones and the context's own, with the
 * experiment's automatic controls put in front at hypothesis and activity level (once per control
 * of the context whose name differs: an activity with two controls gets them twice), a `ref`
 * bringing in the experiment's control of that name; at method and rollback level, when the
 * experiment declares controls, only its automatic ones (the global ones are left out). Entries are
 * returned as declared (the same objects), so the caller can tell which control each one is.
 */
export function contextControls(
  level: HookLevel,
  experimentControls: JsonValue | undefined,
  contextOwn: JsonValue | undefined,
  globals: readonly JsonObject[],
): JsonObject[] {
  const topLevel = list(experimentControls)
  const controls = [...globals, ...list(contextOwn)]
  if (topLevel.length === 0) return controls
  if (controls.length === 0) return topLevel.filter(automatic)
  if (level === 'method' || level === 'rollback') return topLevel.filter(automatic)
  for (const control of [...controls]) {
    if (Object.hasOwn(control, 'ref')) {
      const named = topLevel.find((top) => top.name === control.ref)
      if (named !== undefined) controls.push(named)
      continue
    }
    for (const top of [...topLevel].reverse()) {
      if (control.name === top.name) continue
      if (level !== 'experiment' && automatic(top)) controls.unshift(top)
    }
  }
  return controls
}

/** Whether a control runs at this scope: one with a `scope` runs only there. */
export function inScope(control: JsonObject, scope: HookScope): boolean {
  const target = control.scope
  return !pyTruthy(target) || target === scope
}
