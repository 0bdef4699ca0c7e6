import type {
  ActivityRun,
  DeclaredActivity,
  JsonObject,
  Journal,
  SteadyState,
  SteadystateExtras,
} from '@steadystate/model'
import type { RunSlot } from '../run/run-state.ts'
import { isoTimestamp, secondsBetween } from './clock.ts'
import { nodeName, platformString } from './platform.ts'

/**
 * The journal format version steadystate writes. Chaos Toolkit tools pick their templates by
 * `chaoslib-version`, so we name the chaoslib release whose journal shape we reproduce.
 */
export const CHAOSLIB_FORMAT_VERSION = '1.45.0'

/** One journal entry, keys in the reference's order. */
export function slotToRun(slot: RunSlot, withTolerance: boolean): ActivityRun {
  const run: ActivityRun = {
    activity: declared(slot.activity),
    output: slot.output,
    start: isoTimestamp(slot.startMicros),
  }
  if (slot.status !== undefined) run.status = slot.status
  if (slot.exception !== undefined) run.exception = slot.exception
  if (slot.endMicros !== undefined) {
    run.end = isoTimestamp(slot.endMicros)
    run.duration = secondsBetween(slot.startMicros, slot.endMicros)
  }
  if (withTolerance && slot.toleranceMet !== undefined) run.tolerance_met = slot.toleranceMet
  return run
}

/**
 * The activity as the experiment declared it. The journal records it unchanged, so its type is the
 * journal's (which a valid experiment's activities have; one run with `--no-validation` may not).
 */
function declared(activity: JsonObject): DeclaredActivity {
  return activity as DeclaredActivity
}

export function toSteadyState(result: { met: boolean | null; probes: RunSlot[] } | null): SteadyState | null {
  if (result === null) return null
  return { steady_state_met: result.met, probes: result.probes.map((slot) => slotToRun(slot, true)) }
}

export interface JournalParts {
  experiment: JsonObject
  startMicros: number
  endMicros: number
  status: Journal['status']
  deviated: boolean
  before: SteadyState | null
  after: SteadyState | null
  during: (SteadyState | null)[]
  run: ActivityRun[]
  rollbacks: ActivityRun[]
  extras: SteadystateExtras
}

/** Puts the parts together in the reference's key order, our extras last. */
export function assembleJournal(parts: JournalParts): Journal {
  return {
    'chaoslib-version': CHAOSLIB_FORMAT_VERSION,
    platform: platformString(),
    node: nodeName(),
    experiment: parts.experiment,
    start: isoTimestamp(parts.startMicros),
    status: parts.status,
    deviated: parts.deviated,
    steady_states: { before: parts.before, after: parts.after, during: parts.during },
    run: parts.run,
    rollbacks: parts.rollbacks,
    end: isoTimestamp(parts.endMicros),
    duration: secondsBetween(parts.startMicros, parts.endMicros),
    steadystate: parts.extras,
  }
}
