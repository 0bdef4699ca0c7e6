import {
  activityName,
  describeProgress,
  entriesOf,
  type ActivityEntry,
  type ActivityRun,
  type Journal,
  type RunProgress,
} from '@steadystate/model'
import { experimentOf, type ExperimentInput } from '../experiment/normalize.ts'
import { buildRefIndex, resolveActivity } from '../run/refs.ts'

/** One declared rollback to play again, with its place in the experiment's `rollbacks`. */
export interface PendingRollback {
  index: number
  name: string
  /** The declared entry (a `ref` stays a ref: the run resolves it). */
  entry: ActivityEntry
}

export type RecoveryPlan =
  | { kind: 'nothing-pending'; reason: string }
  | {
      kind: 'pending'
      progress: RunProgress
      /** In declared order: every rollback that had not succeeded. */
      replay: PendingRollback[]
      /** Names of the rollbacks that had succeeded, which are not played again. */
      succeeded: string[]
    }

/**
 * What `steadystate rollback` (or `recover`) must play for a journal: nothing when the run finished
 * or no fault can be in place, else every declared rollback that had not succeeded before the run
 * stopped: the one in progress, the failed ones and those not reached, in declared order. Rollbacks
 * that succeeded are not played again (a rollback need not be idempotent, e.g. "scale up by one").
 * Journal entries are matched to declared rollbacks by name, in order, so entries appended by an
 * earlier `steadystate rollback` count too.
 */
export function planRecovery(journal: Journal, input: ExperimentInput): RecoveryPlan {
  const experiment = experimentOf(input)
  const extras = journal.steadystate
  if (extras === undefined)
    return {
      kind: 'nothing-pending',
      reason: 'it was not written by steadystate, so it records no rollbacks left pending',
    }
  const progress = extras.progress
  if (progress === undefined) {
    if (extras.recovered !== undefined)
      return {
        kind: 'nothing-pending',
        reason: `its pending rollbacks were already played by ${extras.recovered.by} at ${extras.recovered.at}`,
      }
    return {
      kind: 'nothing-pending',
      reason: `the run finished (status ${journal.status}) and played its rollbacks itself as its strategy decided`,
    }
  }
  const declared = entriesOf(experiment.rollbacks)
  if (!progress.rollbacksPending)
    return {
      kind: 'nothing-pending',
      reason: `the run did not finish (it stopped in ${describeProgress(progress)}), but ${notPendingWhy(journal, progress, declared)}`,
    }
  const refs = buildRefIndex(experiment)
  const done = succeededCounts(journal.rollbacks)
  const replay: PendingRollback[] = []
  const succeeded: string[] = []
  declared.forEach((entry, index) => {
    const activity = resolveActivity(refs, entry)
    const name = activity === undefined ? '(unnamed)' : activityName(activity)
    const left = done.get(name) ?? 0
    if (left > 0) {
      done.set(name, left - 1)
      succeeded.push(name)
    } else replay.push({ index, name, entry })
  })
  return { kind: 'pending', progress, replay, succeeded }
}

/** How many times each rollback (by name) succeeded. */
function succeededCounts(runs: readonly ActivityRun[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const run of runs) {
    if (run.status !== 'succeeded') continue
    const name = typeof run.activity.name === 'string' ? run.activity.name : '(unnamed)'
    counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  return counts
}

function notPendingWhy(journal: Journal, progress: RunProgress, declared: readonly ActivityEntry[]): string {
  switch (progress.phase) {
    case 'starting':
    case 'before':
      return 'its method had not started, so no fault was injected'
    case 'finishing':
      return 'its rollbacks had finished'
    case 'method':
    case 'after':
    case 'rollbacks': {
      const options = journal.steadystate?.options
      if (declared.length === 0) return 'the experiment declares no rollbacks'
      if (options?.dry === 'actions' || options?.dry === 'activities')
        return `a dry run (${options.dry}) injects no fault`
      return `no rollbacks were due (rollback strategy '${options?.rollbackStrategy ?? 'default'}')`
    }
  }
}
