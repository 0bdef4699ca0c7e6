import { getState, saveState } from '@actions/core'
import type { ActionInputs } from './inputs.ts'

/**
 * What the main step tells its post step, through the runner's GITHUB_STATE file (read back as
 * STATE_* variables). Each save is a synchronous append, so it survives the step being killed a
 * moment later; the runner keeps the last value of each name.
 */
const KEYS = { inputs: 'inputs', rollbacks: 'rollbacks', phase: 'phase' } as const

/** `pending` from the moment the method starts until the run (rollbacks included) has finished. */
export type RollbackState = 'not-needed' | 'pending' | 'done'

/** The settings of the run, so the post step rolls back exactly what the main step ran. */
export function saveInputs(inputs: ActionInputs): void {
  saveState(KEYS.inputs, JSON.stringify(inputs))
}

/** Whether a killed main step would leave rollbacks to the post step. */
export function saveRollbackState(state: RollbackState): void {
  saveState(KEYS.rollbacks, state)
}

/** The phase the run is in, for the post step's journal. */
export function savePhase(phase: string): void {
  saveState(KEYS.phase, phase)
}

/** What the post step reads back. */
export interface MainStepState {
  inputs: ActionInputs
  rollbacks: RollbackState
  phase: string
}

/** The main step's state, or undefined when it saved none (it failed on its inputs, or never ran). */
export function readMainStepState(): MainStepState | undefined {
  const inputs = getState(KEYS.inputs)
  if (inputs === '') return undefined
  const rollbacks = getState(KEYS.rollbacks)
  return {
    inputs: JSON.parse(inputs) as ActionInputs,
    rollbacks: rollbacks === 'pending' || rollbacks === 'done' ? rollbacks : 'not-needed',
    phase: getState(KEYS.phase) || 'unknown',
  }
}
