import { isJsonObject } from '@steadystate/model'
import type { Environment } from '../../config/configuration.ts'
import { errorMessage } from '../../errors.ts'
import { BridgeUnavailable, type PythonBridge } from '../../providers/python-bridge/bridge.ts'
import { importProblem, unavailable } from '../../providers/python-bridge/provider.ts'
import type { DeclaredControl } from '../declared.ts'
import { SAFEGUARDS_MODULE } from '../safeguards/probes.ts'

/** What the worker found for a control run in Python. */
export type BridgedVerdict =
  | { kind: 'ok'; hooks: ReadonlySet<string> }
  /** It cannot run: not importable, or no Python. Refused, or skipped with --skip-unknown-controls. */
  | { kind: 'missing'; problem: string }
  /** Its module's own `validate_control` refused it: always a validation error, as in the reference. */
  | { kind: 'invalid'; problem: string }

export interface InspectContext {
  bridge: PythonBridge
  env: Environment
  cwd: string
  /** See ValidationContext.once: one `pip install` line per package. */
  once?: ((key: string) => boolean) | undefined
  /** Whether the modules' own `validate_control` is called (as `chaos validate` and `chaos run` do). */
  validating: boolean
}

/** A Python control steadystate does not implement natively: it runs in the Python worker. */
export function isBridged(control: DeclaredControl): boolean {
  const provider = control.declaration.provider
  return (
    isJsonObject(provider) &&
    provider.type === 'python' &&
    control.module !== '' &&
    control.module !== SAFEGUARDS_MODULE
  )
}

/**
 * Asks the worker about each bridged control: whether its module imports, which hooks it defines,
 * and (for the experiment's controls, when validating) what its `validate_control` says. A run
 * without bridged controls asks nothing, so it starts no Python.
 */
export async function inspectBridgedControls(
  declared: readonly DeclaredControl[],
  context: InspectContext,
): Promise<Map<DeclaredControl, BridgedVerdict>> {
  const verdicts = new Map<DeclaredControl, BridgedVerdict>()
  for (const control of declared.filter(isBridged)) verdicts.set(control, await inspectOne(control, context))
  return verdicts
}

async function inspectOne(control: DeclaredControl, context: InspectContext): Promise<BridgedVerdict> {
  const validate = context.validating && control.level !== 'global'
  try {
    const answer = await context.bridge.request(
      { type: 'inspect-control', module: control.module, control: validate ? control.declaration : null },
      context,
    )
    if (answer.type !== 'inspected')
      return { kind: 'missing', problem: `the Python worker answered '${answer.type}'` }
    const verdict = answer.verdict
    switch (verdict.kind) {
      case 'ok':
        return { kind: 'ok', hooks: new Set(verdict.hooks) }
      case 'import-failed':
        return { kind: 'missing', problem: importProblem(verdict, control.module, context) }
      case 'invalid':
        return { kind: 'invalid', problem: `its module's validate_control refused it: ${verdict.error}` }
    }
  } catch (problem) {
    return {
      kind: 'missing',
      problem:
        problem instanceof BridgeUnavailable
          ? unavailable(problem, control.module, context)
          : errorMessage(problem),
    }
  }
}
