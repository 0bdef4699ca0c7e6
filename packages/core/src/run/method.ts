import type { ActivityEntry } from '@steadystate/model'
import { executeActivity, type ActivityResult } from './execute-activity.ts'
import type { Phase } from './events.ts'
import { resolveActivity } from './refs.ts'
import type { RunSlot, RunState } from './run-state.ts'

export interface ActivityListResult {
  /** Set when the list could not go on (an unresolvable ref): the run is then `aborted`. */
  abortedBy?: string
  failures: number
}

/**
 * Runs a list of activities (the method or the rollbacks) in order. Background activities start and
 * are awaited at the end of the list. A failed activity is recorded and the list goes on; `shouldStop`
 * (interruption, fail-fast) ends it after the current activity. The list is read again before each
 * activity, as the reference's loop over its list does: what a Python control inserts after the
 * current activity (chaosaddons.controls.repeat) runs next.
 */
export async function runActivityList(
  state: RunState,
  entries: readonly ActivityEntry[],
  phase: Extract<Phase, 'method' | 'rollbacks'>,
  slots: RunSlot[],
  shouldStop: () => boolean,
): Promise<ActivityListResult> {
  const background: Promise<ActivityResult | undefined>[] = []
  const result: ActivityListResult = { failures: 0 }
  const current = (): readonly ActivityEntry[] => state.controls?.entries(phase) ?? entries
  for (let index = 0; index < current().length; index++) {
    const entry = current()[index]
    if (entry === undefined || shouldStop()) break
    const activity = resolveActivity(state.refs, entry)
    if (activity === undefined) {
      if (entry.kind === 'ref' && typeof entry.ref === 'string') {
        result.abortedBy = `could not find referenced activity '${entry.ref}'`
        break
      }
      state.emit({
        type: 'warning',
        message: `${phase}: skipping an entry that is not an activity: ${JSON.stringify(entry.source)}`,
      })
      continue
    }
    const at = { list: phase, index }
    if (activity.background === true) {
      background.push(executeActivity(state, activity, phase, slots, { background: true, at }))
    } else {
      const run = await executeActivity(state, activity, phase, slots, { at })
      if (run !== undefined && !run.succeeded) result.failures++
    }
  }
  for (const run of await Promise.all(background)) if (run !== undefined && !run.succeeded) result.failures++
  return result
}
