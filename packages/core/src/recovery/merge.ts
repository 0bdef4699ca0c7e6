import type { Journal, RunProgress, SteadystateExtras, Verdict } from '@steadystate/model'
import { describeProgress } from '@steadystate/model'

export interface RecoveryFacts {
  /** Who played the rollbacks, e.g. `steadystate rollback on ci-runner-7`. */
  by: string
  /** Where the run was when it stopped (the journal's progress). */
  progress: RunProgress
  /** How many rollbacks had succeeded before, and are not played again. */
  alreadySucceeded: number
  /** False while the rollbacks are being played (a checkpoint of the recovery). */
  final: boolean
}

/**
 * The journal of a run that did not finish, with the rollbacks `replay` played for it appended.
 * Final and every rollback succeeded: status `interrupted` (the run never finished), no progress,
 * `steadystate.recovered`. Final with a failed rollback: still `unfinished`, rollbacks pending, so a
 * later `steadystate rollback` plays the failed ones again. Not final: a checkpoint that says the
 * rollbacks are being played.
 */
export function mergeRecovery(original: Journal, replay: Journal, facts: RecoveryFacts): Journal {
  const extras = original.steadystate
  const added = replay.steadystate
  if (extras === undefined || added === undefined) return original
  const failed = replay.rollbacks.filter((run) => run.status !== 'succeeded').length
  const recovered = facts.final && failed === 0
  const offset = original.rollbacks.length
  const merged: SteadystateExtras = {
    ...extras,
    verdict: verdictOf(replay, facts, failed),
    warnings: [...extras.warnings, ...added.warnings],
    interruption: extras.interruption ?? {
      signal: 'unknown (the run stopped without finishing)',
      at: original.end,
      phase: facts.progress.phase,
    },
    rollbacks: {
      strategy: extras.rollbacks.strategy,
      played: true,
      reason: `played by ${facts.by} after the run stopped before its rollbacks had all run`,
    },
    redactions: extras.redactions + added.redactions,
    measurements: [
      ...extras.measurements,
      ...added.measurements.map((m) => (m.phase === 'rollbacks' ? { ...m, index: m.index + offset } : m)),
    ],
  }
  if (recovered) {
    delete merged.progress
    merged.recovered = { at: replay.end, by: facts.by }
  } else {
    merged.progress = {
      phase: 'rollbacks',
      activity: facts.final ? null : (added.progress?.activity ?? null),
      startedAt: facts.final ? replay.end : (added.progress?.startedAt ?? replay.start),
      rollbacksPending: true,
    }
  }
  return {
    ...original,
    status: facts.final && original.status === 'running' ? 'interrupted' : original.status,
    rollbacks: [...original.rollbacks, ...replay.rollbacks],
    end: replay.end,
    duration: (Date.parse(replay.end) - Date.parse(original.start)) / 1000,
    steadystate: merged,
  }
}

function verdictOf(replay: Journal, facts: RecoveryFacts, failed: number): Verdict {
  const stopped = `The run did not finish (it stopped in ${describeProgress(facts.progress)})`
  const played = replay.rollbacks.length
  if (!facts.final)
    return {
      kind: 'unfinished',
      summary: `${stopped}; ${facts.by} is playing its pending rollbacks (${played} played so far).`,
    }
  if (failed > 0)
    return {
      kind: 'unfinished',
      summary: `${stopped}; ${facts.by} played its pending rollbacks afterwards, and ${failed} of ${played} failed: a fault may still be in place. Fix the cause, then run \`steadystate rollback\` on this journal again.`,
    }
  const before =
    facts.alreadySucceeded === 0 ? '' : ` (${facts.alreadySucceeded} had succeeded before it stopped)`
  return {
    kind: 'interrupted',
    summary:
      played === 0
        ? `${stopped}; every rollback had succeeded before it stopped, so ${facts.by} played none again.`
        : `${stopped}; ${facts.by} played its ${played} pending rollback(s) afterwards, all successfully${before}.`,
  }
}
