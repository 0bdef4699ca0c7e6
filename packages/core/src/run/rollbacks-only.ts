import { finishRun, playRollbacks } from './phases.ts'
import { resolvePlan } from './plan.ts'
import { prepareRun, type RunOptions, type RunResult } from './run-experiment.ts'

export interface RollbacksOnlyOptions extends RunOptions {
  /** How the earlier run ended before its rollbacks could finish; recorded in the journal. */
  interruption: {
    /** e.g. `SIGKILL` for a CI step killed past its grace period. */
    signal: string
    /** The phase the earlier run was in, as far as the caller knows. */
    phase: string
    /** One sentence for the verdict: who runs the rollbacks now, and why. */
    reason: string
  }
  /** Whether the earlier run had deviated, for the `deviated` rollback strategy. @default false */
  deviated?: boolean
}

/**
 * Plays only an experiment's rollbacks, for a run that was killed before it could (a CI job cancelled
 * past its grace period, a machine that went away). Hypothesis and method do not run. The journal
 * says `interrupted`, records the earlier interruption and the rollbacks, and the rollback strategy
 * decides as it would have for the interrupted run. Configuration, secrets, validation and
 * redaction are exactly those of `runExperiment`.
 */
export async function runRollbacksOnly(
  experiment: Record<string, unknown>,
  options: RollbacksOnlyOptions,
): Promise<RunResult> {
  try {
    return await playRollbacksOnly(experiment, options)
  } finally {
    await options.registry.close()
  }
}

async function playRollbacksOnly(
  experiment: Record<string, unknown>,
  options: RollbacksOnlyOptions,
): Promise<RunResult> {
  const prepared = await prepareRun(experiment, options)
  if (prepared.kind === 'not-run') return prepared.result
  const { state, recorder } = prepared
  const plan = resolvePlan(experiment, options)
  for (const warning of plan.warnings) state.emit({ type: 'warning', message: warning })
  const { signal, phase, reason } = options.interruption
  // The hypothesis is not checked again: this run only repairs, it does not judge.
  recorder.hypothesisStrategy = 'skip'
  recorder.status = 'interrupted'
  recorder.deviated = options.deviated === true
  recorder.reason = reason
  const started = state.clock()
  recorder.interruption = { signal, atMicros: started, phase }
  state.emit({
    type: 'run-started',
    title: recorder.title,
    source: options.source,
    plan: `rollbacks only (${reason}), rollback strategy ${plan.rollbackStrategy}`,
  })
  state.currentPhase = 'rollbacks'
  await playRollbacks(state, experiment, options, recorder, plan.rollbackStrategy)
  await finishRun(state, recorder, started)
  return { journal: recorder.finish(), issues: prepared.issues }
}
