import type { Experiment } from '@steadystate/model'
import type { RunOptions } from '../../run/run-experiment.ts'
import type { RunState } from '../../run/run-state.ts'
import { declaredControls } from '../declared.ts'
import { honourProblem } from '../honour.ts'
import { describeSafeguard, Guardian, type Trip } from './guardian.ts'
import { SAFEGUARDS_MODULE, safeguardProbes } from './probes.ts'

/** The safeguard probes of a run: those of every safeguards control it honours. */
export function runSafeguards(experiment: Experiment, options: RunOptions) {
  return declaredControls(experiment, options.source, options.globalControls)
    .filter((control) => control.module === SAFEGUARDS_MODULE && honourProblem(control) === undefined)
    .flatMap(safeguardProbes)
}

/**
 * Starts the run's safeguards (when it has any) and waits for their pre-checks. A trip stops the
 * run through its interruption path (`stopRun`), after `onTrip` has recorded why.
 */
export async function startSafeguards(
  state: RunState,
  experiment: Experiment,
  options: RunOptions,
  onTrip: (trip: Trip) => void,
): Promise<Guardian | undefined> {
  const probes = runSafeguards(experiment, options)
  if (probes.length === 0) return undefined
  state.emit({
    type: 'info',
    message: `safeguards watching the run: ${probes.map(describeSafeguard).join(', ')}`,
  })
  const guardian = new Guardian(state, probes, (trip) => {
    onTrip(trip)
    const message = `safeguard '${trip.probe.name}' of control '${trip.probe.control}' tripped: ${trip.reason}`
    state.emit({ type: 'warning', message: `${message}; stopping the run` })
    state.stopRun?.(new Error(`safeguard '${trip.probe.name}' tripped`))
  })
  state.currentPhase = 'safeguard pre-checks'
  await guardian.start()
  return guardian
}
