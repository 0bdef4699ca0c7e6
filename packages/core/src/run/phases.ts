import {
  entriesOf,
  type ActivityEntry,
  type Experiment,
  type Hypothesis,
  type ActivityRun,
  type Malformed,
  type RollbackStrategy,
} from '@steadystate/model'
import { standaloneDeadline } from '../deadline.ts'
import { errorMessage } from '../errors.ts'
import { abortReason } from '../providers/process.ts'
import { startDuringHypothesis } from './during.ts'
import { startSafeguards } from '../controls/safeguards/watch.ts'
import { settleBackground } from './background.ts'
import { runHypothesis } from './hypothesis.ts'
import { runActivityList } from './method.ts'
import { resolvePlan, shouldPlayRollbacks } from './plan.ts'
import type { Recorder } from './recorder.ts'
import type { RunOptions } from './run-experiment.ts'
import type { RunSlot, RunState } from './run-state.ts'
import { slotToRun } from '../journal/assemble.ts'

const DEFAULT_ROLLBACK_TIMEOUT_SECONDS = 300

/**
 * Hypothesis before → method (with the during-hypothesis alongside) → hypothesis after → rollbacks.
 * Status and deviation follow docs/chaos-toolkit.md §4; an interruption or an engine error ends the
 * first three phases early, and rollbacks still run (bounded by a deadline).
 */
export async function executePhases(
  state: RunState,
  experiment: Experiment,
  options: RunOptions,
  recorder: Recorder,
): Promise<void> {
  const plan = resolvePlan(experiment, options)
  for (const warning of plan.warnings) state.emit({ type: 'warning', message: warning })
  recorder.hypothesisStrategy = plan.hypothesisStrategy
  recorder.rollbacks.strategy = plan.rollbackStrategy
  const hypothesis = experiment.hypothesis
  const started = state.clock()
  state.emit({
    type: 'run-started',
    title: recorder.title,
    source: options.source,
    plan: describePlan(plan, options),
  })

  const onInterrupt = (): void => {
    recorder.interruption = {
      signal: abortReason(state.interrupt),
      atMicros: state.clock(),
      phase: state.currentPhase,
    }
    recorder.status = 'interrupted'
    state.emit({ type: 'interrupted', signal: recorder.interruption.signal, phase: state.currentPhase })
    recorder.checkpoint()
  }
  if (state.interrupt.aborted) onInterrupt()
  else state.interrupt.addEventListener('abort', onInterrupt, { once: true })

  let guardian: Awaited<ReturnType<typeof startSafeguards>>
  try {
    await state.controls?.configure(state)
    guardian = await startSafeguards(state, experiment, options, (trip) => recorder.tripped(trip))
    if (guardian !== undefined) recorder.safeguardChecks = guardian.checks
    // A pre-check that tripped (or a control's hook that interrupted) stops the run before
    // anything of the experiment ran.
    if (!state.interrupt.aborted) await state.controls?.before(state, 'experiment')
    if (!state.interrupt.aborted) await runMainPhases(state, hypothesis, experiment, options, recorder, plan)
  } catch (error) {
    // A bug in steadystate: record it, then still play the rollbacks.
    recorder.status = 'aborted'
    recorder.error = {
      code: 'INTERNAL',
      message: `internal error in ${state.currentPhase}: ${errorMessage(error)}`,
    }
    state.emit({ type: 'warning', message: recorder.error.message })
  }
  // Safeguards watch the fault, not its repair: a trip during the rollbacks would only stop them.
  await guardian?.stop()
  if (state.interrupt.aborted) recorder.status = 'interrupted'
  recorder.checkpoint()

  // Still listening: a signal during the rollbacks or the wait for background work is recorded too.
  try {
    await playRollbacks(state, experiment, options, recorder, plan.rollbackStrategy)
    recorder.halted(state.clock())
    await finishRun(state, recorder, started)
    await state.controls?.after(state, 'experiment', recorder.snapshot())
  } finally {
    await state.controls?.cleanup(state)
    state.interrupt.removeEventListener('abort', onInterrupt)
  }
}

/** Decides whether the rollbacks play under `strategy` (after the run's outcome), says so, plays them. */
async function playRollbacks(
  state: RunState,
  experiment: Experiment,
  options: RunOptions,
  recorder: Recorder,
  strategy: RollbackStrategy,
): Promise<void> {
  const decision = shouldPlayRollbacks(strategy, recorder.status, recorder.deviated)
  recorder.rollbacks = { strategy, ...decision }
  // As the Python controls left them (see LiveExperiment), when they changed the experiment.
  const rollbacks = state.controls?.entries('rollbacks') ?? entriesOf(experiment.rollbacks)
  state.emit({
    type: 'rollbacks-decided',
    played: decision.played && rollbacks.length > 0,
    reason: rollbacks.length === 0 ? 'the experiment declares no rollbacks' : decision.reason,
  })
  if (decision.played && rollbacks.length > 0) {
    recorder.progress.enter('rollbacks', state.clock())
    recorder.checkpoint()
    await runRollbacks(state, rollbacks, options, recorder)
  } else if (decision.played && state.controls !== undefined) {
    // The reference calls the rollback hooks whenever it plays the rollbacks, even none.
    await state.controls.before(state, 'rollback')
    await state.controls.after(state, 'rollback', [])
  }
  recorder.progress.enter('finishing', state.clock())
  recorder.checkpoint()
}

/** Waits for background work, then announces the verdict. */
async function finishRun(state: RunState, recorder: Recorder, startedMicros: number): Promise<void> {
  await settleBackground(state)
  const verdict = recorder.snapshot().steadystate?.verdict
  if (verdict !== undefined) {
    state.emit({
      type: 'run-finished',
      status: recorder.status,
      deviated: recorder.deviated,
      verdict,
      seconds: (state.clock() - startedMicros) / 1e6,
    })
  }
}

async function runMainPhases(
  state: RunState,
  hypothesis: Hypothesis | Malformed | undefined,
  experiment: Experiment,
  options: RunOptions,
  recorder: Recorder,
  plan: ReturnType<typeof resolvePlan>,
): Promise<void> {
  if (plan.before) {
    state.currentPhase = 'steady-state hypothesis before the method'
    recorder.progress.enter('before', state.clock())
    const before = await runHypothesis(state, hypothesis, 'before')
    recorder.before = before.met === null ? null : before
    recorder.checkpoint()
    if (state.interrupt.aborted) return
    if (before.met === false) {
      recorder.notTested = true
      recorder.reason = before.reason
      recorder.status = before.errored ? 'failed' : 'completed'
      return
    }
  }

  state.currentPhase = 'method'
  recorder.progress.enter('method', state.clock())
  // From here a fault can be injected: the journal on disk must say so before anything runs.
  const unwritten = await recorder.checkpointDurably()
  if (unwritten !== undefined) {
    recorder.status = 'aborted'
    recorder.error = {
      code: 'JOURNAL_UNWRITABLE',
      message: `the journal could not be written before the method, so the method was not started: ${unwritten}`,
    }
    return
  }
  // And the record that outlives the runner (see SafeguardProvider): no record, no fault.
  const unrecorded = await state.safeguard?.beforeMethod(recorder.checkpointJournal())
  if (unrecorded !== undefined) {
    recorder.status = 'aborted'
    recorder.error = {
      code: 'RECORD_UNWRITABLE',
      message: `the record of pending rollbacks could not be kept, so the method was not started: ${unrecorded}`,
    }
    return
  }
  const method = entriesOf(experiment.method)
  state.emit({ type: 'phase-started', phase: 'method', title: 'method', count: method.length })
  let failFastTriggered = false
  const during = plan.during
    ? startDuringHypothesis(state, hypothesis, options.hypothesisFrequency ?? 1, (result) => {
        state.emit({
          type: 'warning',
          message: `steady state deviated during the method: ${result.reason ?? ''}`,
        })
        if (options.failFast !== true) return 'continue'
        failFastTriggered = true
        recorder.reason = `fail-fast: ${result.reason ?? 'the steady state deviated during the method'}`
        return 'stop'
      })
    : undefined
  await state.controls?.before(state, 'method')
  const outcome = await runActivityList(
    state,
    method,
    'method',
    recorder.runSlots,
    () => state.interrupt.aborted || failFastTriggered,
  )
  await state.controls?.after(state, 'method', slotRuns(recorder.runSlots))
  if (during !== undefined) {
    await during.stop()
    for (const result of during.results) if (result.met !== null) recorder.during.push(result)
  }
  recorder.methodFailures = outcome.failures
  recorder.checkpoint()
  if (outcome.abortedBy !== undefined) {
    recorder.status = 'aborted'
    recorder.error = { code: 'EXPERIMENT_INVALID', message: outcome.abortedBy }
    return
  }
  if (failFastTriggered) recorder.status = 'failed'
  if (state.interrupt.aborted || !plan.after) return

  state.currentPhase = 'steady-state hypothesis after the method'
  recorder.progress.enter('after', state.clock())
  const after = await runHypothesis(state, hypothesis, 'after')
  recorder.after = after.met === null ? null : after
  if (after.met === false && !state.interrupt.aborted) {
    recorder.deviated = true
    recorder.reason = after.reason
    recorder.status = after.errored ? 'failed' : 'completed'
  }
}

export async function runRollbacks(
  state: RunState,
  rollbacks: readonly ActivityEntry[],
  options: RunOptions,
  recorder: Recorder,
): Promise<void> {
  state.currentPhase = 'rollbacks'
  const seconds = options.rollbackTimeoutSeconds ?? DEFAULT_ROLLBACK_TIMEOUT_SECONDS
  // Rollbacks must run even after an interruption, so they get their own signal with a deadline
  // (not AbortSignal.timeout, which throws above ~49 days and is the wrong clock beyond ~24.8).
  const window = standaloneDeadline(seconds * 1000)
  const deadline = window.signal
  const rollbackState: RunState = { ...state, interrupt: deadline }
  state.emit({
    type: 'phase-started',
    phase: 'rollbacks',
    title: `rollbacks (deadline ${seconds} s)`,
    count: rollbacks.length,
  })
  try {
    await rollbackState.controls?.before(rollbackState, 'rollback')
    await runActivityList(
      rollbackState,
      rollbacks,
      'rollbacks',
      recorder.rollbackSlots,
      () => deadline.aborted,
    )
    await rollbackState.controls?.after(rollbackState, 'rollback', slotRuns(recorder.rollbackSlots))
  } finally {
    window.clear()
  }
  if (deadline.aborted) {
    state.emit({
      type: 'warning',
      message: `rollbacks stopped at their deadline of ${seconds} s; check the system by hand`,
    })
  }
}

function describePlan(plan: ReturnType<typeof resolvePlan>, options: RunOptions): string {
  const parts = [
    `hypothesis strategy ${plan.hypothesisStrategy}`,
    `rollback strategy ${plan.rollbackStrategy}`,
  ]
  if (options.dry !== undefined && options.dry !== null) parts.push(`dry run (${options.dry})`)
  if (options.failFast === true) parts.push('fail-fast')
  return parts.join(', ')
}

/** The runs of a list as the journal holds them (the `state` of method and rollback hooks). */
function slotRuns(slots: readonly RunSlot[]): ActivityRun[] {
  return slots.map((slot) => slotToRun(slot, false))
}
