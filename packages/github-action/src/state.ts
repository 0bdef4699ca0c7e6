import { getState, saveState } from '@actions/core'
import type { ActionInputs } from './inputs.ts'

/**
 * What the main step tells its post step, through the runner's GITHUB_STATE file (read back as
 * STATE_* variables): the settings of the run, so that the post step can play, with
 * `steadystate rollback`, whatever rollbacks the journal says are still pending. Saved before the
 * run starts, with a synchronous append, so it survives the step being killed.
 */
const INPUTS = 'inputs'

export function saveInputs(inputs: ActionInputs): void {
  saveState(INPUTS, JSON.stringify(inputs))
}

/** The main step's settings, or undefined when it saved none (invalid inputs, or it never ran). */
export function readMainStepInputs(): ActionInputs | undefined {
  const inputs = getState(INPUTS)
  return inputs === '' ? undefined : (JSON.parse(inputs) as ActionInputs)
}
