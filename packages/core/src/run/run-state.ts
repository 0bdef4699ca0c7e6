import type { Activity, DryRunMode, JsonObject, JsonValue, Measurement } from '@steadystate/model'
import type { Environment } from '../config/configuration.ts'
import type { SubstitutionScope } from '../config/substitution.ts'
import type { Redactor } from '../journal/redact.ts'
import type { Clock } from '../journal/clock.ts'
import type { ProviderRegistry } from '../providers/registry.ts'
import { startBackgroundTask, type BackgroundTask } from './background.ts'
import type { EventSink, RunEvent } from './events.ts'
import type { ActivityProgress } from './progress.ts'
import type { Safeguard } from '../safeguard/types.ts'
import type { PythonControls } from '../controls/python/runner.ts'

/** An activity run being recorded; fields are filled as it progresses. */
export interface RunSlot {
  /** The activity as written, which the journal records. */
  activity: JsonObject
  output: JsonValue
  startMicros: number
  status?: 'succeeded' | 'failed'
  exception?: string[]
  endMicros?: number
  toleranceMet?: boolean
}

/** Why the run was interrupted, and when. */
export interface Interruption {
  signal: string
  atMicros: number
  phase: string
}

/** Everything the phases of a run share. Built once by `runExperiment`. */
export interface RunState {
  readonly registry: ProviderRegistry
  readonly scope: SubstitutionScope
  readonly env: Environment
  readonly cwd: string
  readonly dry: DryRunMode | null
  readonly clock: Clock
  readonly redactor: Redactor
  /**
   * Aborts on SIGINT/SIGTERM, or when a safeguard or the kill switch stops the run (`stopRun`): the
   * current activity and pause stop, the method and hypotheses end; the rollbacks still run.
   */
  readonly interrupt: AbortSignal
  /** Stops the run from inside (a safeguard tripped) through the same path as a signal. */
  readonly stopRun?: (reason: Error) => void
  /** Activities a `{"ref": …}` can name: method activities and hypothesis probes, later wins. */
  readonly refs: ReadonlyMap<string, Activity>
  readonly measurements: Measurement[]
  /** Work activities left running (see `ProviderContext.defer`); awaited before the final journal. */
  readonly deferred: BackgroundTask[]
  readonly warnings: string[]
  readonly emit: (event: RunEvent) => void
  /** Called whenever a consistent journal can be written (phase ends, interruption). */
  readonly checkpoint: () => void
  /** Told when each activity starts and ends, for the checkpoints' `steadystate.progress`. */
  readonly progress: ActivityProgress
  currentPhase: string
  /** The record of pending rollbacks and the locks, once held (see SafeguardProvider). */
  safeguard: Safeguard | undefined
  /** The run's Python controls, whose hooks wrap each level; undefined when it has none. */
  readonly controls?: PythonControls | undefined
}

export function createEmitter(sink: EventSink | undefined, redactor: Redactor): (event: RunEvent) => void {
  return (event) => {
    if (sink === undefined) return
    try {
      sink(redactor.deep(event))
    } catch {
      // A broken renderer must not break the run.
    }
  }
}

/** What activities get as `defer`: work that goes on in the background (see startBackgroundTask). */
export function deferTo(
  state: RunState,
): (label: string, task: (signal: AbortSignal) => Promise<void>) => void {
  return (label, task) => {
    state.deferred.push(startBackgroundTask(state, label, task))
  }
}
