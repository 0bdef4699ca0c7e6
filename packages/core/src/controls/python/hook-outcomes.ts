import { activityName, type Activity, type JsonObject } from '@steadystate/model'
import { errorMessage } from '../../errors.ts'
import type { ActivityLog } from '../../providers/types.ts'
import type { RunState } from '../../run/run-state.ts'
import type { BridgedControl } from '../decide.ts'
import type { ControlsRun } from './runner.ts'

/** A control, named as log lines and the journal name it. */
export function describe(control: BridgedControl): string {
  return `control '${control.control.name}' (${control.control.module})`
}

/**
 * A hook raised InterruptExecution: where the reference stops the run, steadystate does too, and
 * records it as the run's stop, as a safeguard's trip is (the report and CI outputs name the
 * control). `ignored` where the reference ignores it (while configuring controls, once the run has
 * ended), and where there is nothing left to stop: the run is already stopping for another reason
 * (which stays the recorded one), or its rollbacks have begun (they go on, and the status stays).
 */
export function interrupted(
  state: RunState,
  control: BridgedControl,
  hook: string,
  message: string,
  run: Pick<ControlsRun, 'recordStop' | 'stopCounts'>,
): 'ignored' | 'stopped' {
  const what = `${describe(control)} interrupted the run in ${hook}: ${message}`
  if (hook === 'configure_control' || hook === 'after_experiment_control' || hook === 'cleanup_control') {
    state.emit({ type: 'warning', message: `${what}; ignored there, as chaos run ignores it` })
    return 'ignored'
  }
  const ignoredBecause = state.interrupt.aborted
    ? 'the run is already stopping'
    : run.stopCounts()
      ? undefined
      : 'the rollbacks have begun and go on'
  if (ignoredBecause !== undefined) {
    state.emit({ type: 'warning', message: `${what}; ignored: ${ignoredBecause}` })
    return 'ignored'
  }
  state.emit({ type: 'warning', message: `${what}; stopping the run` })
  run.recordStop({
    source: 'python-control',
    control: control.control.name,
    probe: hook,
    value: null,
    reason: message,
  })
  state.stopRun?.(new Error(what))
  return 'stopped'
}

/**
 * The controls cannot run any more: the run stops (what was declared for safety is honoured), unless
 * its rollbacks have begun: they go on, with a warning, and the run's status is left as it is.
 */
export function failClosed(
  state: RunState,
  control: BridgedControl,
  hook: string,
  error: unknown,
  stopCounts: () => boolean,
): void {
  const what = `${describe(control)} could not run ${hook}: ${errorMessage(error)}`
  if (hook === 'after_experiment_control' || hook === 'cleanup_control' || !stopCounts()) {
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

/**
 * A control changed an activity, or added one, to call a provider the run never validated (nor
 * opened its safeguards for: the lock's namespaces, the kill switch's scope). It does not run, and
 * the run stops; in the rollbacks, which go on, it is only left out, with a warning.
 */
export function refuseUnvalidatedActivity(
  state: RunState,
  activity: Activity,
  stopCounts: () => boolean,
): void {
  const what = `a Python control changed activity '${activityName(activity)}' to call a provider that was not in the validated experiment, so it was not run`
  if (!stopCounts() || state.interrupt.aborted) {
    state.emit({ type: 'warning', message: what })
    return
  }
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
