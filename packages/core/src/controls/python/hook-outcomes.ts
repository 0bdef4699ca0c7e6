import type { JsonObject } from '@steadystate/model'
import { errorMessage } from '../../errors.ts'
import type { ActivityLog } from '../../providers/types.ts'
import type { RunState } from '../../run/run-state.ts'
import type { StopRequest } from '../../safeguard/types.ts'
import type { BridgedControl } from '../decide.ts'

/** A control, named as log lines and the journal name it. */
export function describe(control: BridgedControl): string {
  return `control '${control.control.name}' (${control.control.module})`
}

/**
 * A hook raised InterruptExecution: where the reference stops the run, steadystate does too, and
 * records it as the run's stop, as a safeguard's trip is (the report and CI outputs name the
 * control). `ignored` where the reference ignores it: while configuring controls and once the run
 * has ended.
 */
export function interrupted(
  state: RunState,
  control: BridgedControl,
  hook: string,
  message: string,
  recordStop: (request: StopRequest) => boolean,
): 'ignored' | 'stopped' {
  const what = `${describe(control)} interrupted the run in ${hook}: ${message}`
  if (hook === 'configure_control' || hook === 'after_experiment_control' || hook === 'cleanup_control') {
    state.emit({ type: 'warning', message: `${what}; ignored there, as chaos run ignores it` })
    return 'ignored'
  }
  state.emit({ type: 'warning', message: `${what}; stopping the run` })
  recordStop({
    source: 'python-control',
    control: control.control.name,
    probe: hook,
    value: null,
    reason: message,
  })
  state.stopRun?.(new Error(what))
  return 'stopped'
}

/** The controls cannot run any more: the run stops (what was declared for safety is honoured). */
export function failClosed(state: RunState, control: BridgedControl, hook: string, error: unknown): void {
  const what = `${describe(control)} could not run ${hook}: ${errorMessage(error)}`
  if (hook === 'after_experiment_control' || hook === 'cleanup_control') {
    state.emit({ type: 'warning', message: what })
    return
  }
  state.emit({ type: 'warning', message: `${what}; stopping the run, as its checks can no longer run` })
  state.stopRun?.(new Error(what))
}

/** A control added another to the experiment: never validated, so never called; the run stops. */
export function stopForAddedControl(
  state: RunState,
  addedBy: string,
  control: JsonObject,
  hook: string,
): void {
  const name = typeof control.name === 'string' ? control.name : JSON.stringify(control)
  const what = `${addedBy} added control '${name}' to the experiment, which steadystate did not validate and does not call (${hook})`
  state.emit({ type: 'warning', message: `${what}; stopping the run` })
  state.stopRun?.(new Error(what))
}

/** Where the worker's prints and logging go while a hook runs. */
export function hookLog(state: RunState): ActivityLog {
  return {
    info: (message) => state.emit({ type: 'info', message }),
    warn: (message) => state.emit({ type: 'warning', message }),
  }
}
