import type { Experiment, Journal } from '@steadystate/model'
import type { ValidationIssue } from '../errors.ts'
import { experimentOf, type ExperimentInput } from '../experiment/normalize.ts'
import { settleBackground } from '../run/background.ts'
import { runRollbacks } from '../run/phases.ts'
import { describeProgress } from '@steadystate/model'
import { prepareRun, type RunOptions } from '../run/run-experiment.ts'
import type { Recorder } from '../run/recorder.ts'
import type { RunState } from '../run/run-state.ts'
import { mergeRecovery, type RecoveryFacts } from './merge.ts'
import { planRecovery, type RecoveryPlan } from './plan.ts'

export interface ReplayOptions extends RunOptions {
  /** Who plays the rollbacks, recorded in `steadystate.recovered.by`. */
  by: string
}

export type ReplayResult =
  | { kind: 'nothing-pending'; reason: string }
  /** Nothing was played (an invalid experiment, a preflight that failed); the journal is unchanged. */
  | { kind: 'not-run'; reason: string; issues: ValidationIssue[] }
  | { kind: 'replayed'; journal: Journal; played: number; failed: number; issues: ValidationIssue[] }

/**
 * Plays the rollbacks a run left pending (see `planRecovery`) and returns its journal with them
 * appended (see `mergeRecovery`). Configuration, secrets, validation, preflights, redaction and the
 * rollback deadline are exactly those of `runExperiment`, and the dry-run mode is the run's own.
 * `onCheckpoint` receives the merged journal while the rollbacks play, so a recovery that is itself
 * killed leaves a journal that a second one continues from. Shared by `steadystate rollback`, the
 * adapters' recovery steps and, for Kubernetes runs, `steadystate recover`.
 */
export async function replayRollbacks(
  input: ExperimentInput,
  journal: Journal,
  options: ReplayOptions,
): Promise<ReplayResult> {
  try {
    return await replay(experimentOf(input), journal, options)
  } finally {
    // Providers may hold processes (the Python worker): none outlives the replay.
    await options.registry.close()
  }
}

async function replay(
  experiment: Experiment,
  journal: Journal,
  options: ReplayOptions,
): Promise<ReplayResult> {
  const plan = planRecovery(journal, experiment)
  if (plan.kind === 'nothing-pending') return plan
  const facts = { by: options.by, progress: plan.progress, alreadySucceeded: plan.succeeded.length }
  const prepared = await prepareRun(
    experiment,
    {
      ...options,
      dry: journal.steadystate?.options.dry ?? null,
      onCheckpoint: (checkpoint) => {
        const merged = mergeRecovery(journal, checkpoint, { ...facts, final: false })
        if (prepared.kind === 'ready') prepared.state.safeguard?.observe(merged)
        return options.onCheckpoint?.(merged)
      },
    },
    // The run's record and locks, from its journal: taken over, kept up to date, then released.
    { kind: 'recovery', journal },
  )
  if (prepared.kind === 'not-run')
    return {
      kind: 'not-run',
      reason: prepared.result.journal.steadystate?.error?.message ?? 'the rollbacks could not start',
      issues: prepared.result.issues,
    }
  const { state, recorder } = prepared
  let merged: Journal | undefined
  try {
    merged = await playPending(state, recorder, plan, options, journal, facts)
  } finally {
    await state.safeguard?.close(merged)
  }
  const failed = recorder.rollbackSlots.filter((slot) => slot.status !== 'succeeded').length
  return {
    kind: 'replayed',
    journal: merged,
    played: recorder.rollbackSlots.length,
    failed,
    issues: prepared.issues,
  }
}

/** Plays the pending rollbacks and returns the run's journal with them appended. */
async function playPending(
  state: RunState,
  recorder: Recorder,
  plan: Extract<RecoveryPlan, { kind: 'pending' }>,
  options: ReplayOptions,
  journal: Journal,
  facts: Omit<RecoveryFacts, 'final'>,
): Promise<Journal> {
  recorder.hypothesisStrategy = 'skip'
  recorder.status = 'interrupted'
  const started = state.clock()
  state.emit({
    type: 'run-started',
    title: recorder.title,
    source: options.source,
    plan: `the rollbacks of a run that stopped in ${describeProgress(plan.progress)}: ${plan.replay.length} to play${plan.succeeded.length === 0 ? '' : `, ${plan.succeeded.length} had succeeded (${plan.succeeded.join(', ')})`}`,
  })
  if (plan.replay.length > 0) {
    recorder.progress.enter('rollbacks', started)
    recorder.checkpoint()
    await runRollbacks(
      state,
      plan.replay.map((pending) => pending.entry),
      options,
      recorder,
    )
  }
  await settleBackground(state)
  const replayed = recorder.finish()
  const merged = mergeRecovery(journal, replayed, { ...facts, final: true })
  const verdict = merged.steadystate?.verdict
  if (verdict !== undefined)
    state.emit({
      type: 'run-finished',
      status: merged.status,
      deviated: merged.deviated,
      verdict,
      seconds: (state.clock() - started) / 1e6,
    })
  return merged
}
