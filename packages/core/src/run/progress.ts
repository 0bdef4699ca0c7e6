import type {
  DryRunMode,
  FinishedStatus,
  ProgressPhase,
  RollbackStrategy,
  RunProgress,
} from '@steadystate/model'
import { isoTimestamp } from '../journal/clock.ts'
import type { Phase } from './events.ts'
import { shouldPlayRollbacks } from './plan.ts'

/** What activities report to the run's progress (see `RunState.progress`). */
export interface ActivityProgress {
  activityStarted(name: string, phase: Phase, startMicros: number): void
  activityFinished(phase: Phase): void
}

/** What decides whether the rollbacks are pending, read when a checkpoint is taken. */
export interface PendingFacts {
  status: FinishedStatus
  deviated: boolean
  strategy: RollbackStrategy
  dry: DryRunMode | null
  hasRollbacks: boolean
}

/**
 * Where a run is, for the `steadystate.progress` of its checkpoints: the phase, the activity in
 * progress, and whether rollbacks are pending. They are pending from the start of the method until
 * every rollback has run, when the rollback strategy would play them and a fault can have been
 * injected (a dry run of actions injects none).
 */
export class ProgressTracker implements ActivityProgress {
  phase: ProgressPhase = 'starting'
  private phaseStartMicros: number
  private activity: { name: string; startMicros: number } | undefined
  private methodStarted = false
  private rollbacksFinished = false

  constructor(
    startMicros: number,
    private readonly onChange: () => void,
  ) {
    this.phaseStartMicros = startMicros
  }

  enter(phase: ProgressPhase, atMicros: number): void {
    this.phase = phase
    this.phaseStartMicros = atMicros
    this.activity = undefined
    if (phase === 'method') this.methodStarted = true
    if (phase === 'finishing') this.rollbacksFinished = true
  }

  activityStarted(name: string, phase: Phase, startMicros: number): void {
    if (phase === 'during') return
    this.activity = { name, startMicros }
    this.onChange()
  }

  activityFinished(phase: Phase): void {
    if (phase === 'during') return
    this.activity = undefined
    this.onChange()
  }

  /** Why rollbacks are (or are not) pending, in words; `pending` is the journal's flag. */
  pending(facts: PendingFacts): { pending: boolean; why: string } {
    if (!this.methodStarted)
      return { pending: false, why: 'the method had not started, so no fault was injected' }
    if (this.rollbacksFinished) return { pending: false, why: 'its rollbacks had finished' }
    if (!facts.hasRollbacks) return { pending: false, why: 'the experiment declares no rollbacks' }
    if (facts.dry === 'actions' || facts.dry === 'activities')
      return { pending: false, why: `a dry run (${facts.dry}) injects no fault` }
    const decision = shouldPlayRollbacks(facts.strategy, facts.status, facts.deviated)
    if (!decision.played) return { pending: false, why: `no rollbacks are due (${decision.reason})` }
    return {
      pending: true,
      why: 'a fault may still be in place: its rollbacks have not all run (`steadystate rollback` on this journal plays them)',
    }
  }

  snapshot(facts: PendingFacts): RunProgress {
    return {
      phase: this.phase,
      activity: this.activity?.name ?? null,
      startedAt: isoTimestamp(this.activity?.startMicros ?? this.phaseStartMicros),
      rollbacksPending: this.pending(facts).pending,
    }
  }
}
