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
 * (interruption, fail-fast) ends it after the current activity.
 */
export async function runActivityList(
  state: RunState,
  entries: readonly ActivityEntry[],
  phase: Phase,
  slots: RunSlot[],
  shouldStop: () => boolean,
): Promise<ActivityListResult> {
  const background: Promise<ActivityResult>[] = []
  const result: ActivityListResult = { failures: 0 }
  for (const entry of entries) {
    if (shouldStop()) break
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
    if (activity.background === true) {
      background.push(executeActivity(state, activity, phase, slots, { background: true }))
    } else {
      const run = await executeActivity(state, activity, phase, slots)
      if (!run.succeeded) result.failures++
    }
  }
  for (const run of await Promise.all(background)) if (!run.succeeded) result.failures++
  return result
}
