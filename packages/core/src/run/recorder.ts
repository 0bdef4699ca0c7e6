import {
  entriesOf,
  type ClusterRecords,
  type ErrorCode,
  type Experiment,
  type FinishedStatus,
  type JsonObject,
  type Journal,
  type Measurement,
  type RollbackStrategy,
  type RunStop,
  type SafeguardCheck,
  type SkippedControl,
  type SteadyState,
  type Verdict,
} from '@steadystate/model'
import { assertNever, errorMessage } from '../errors.ts'
import type { SubstitutionScope } from '../config/substitution.ts'
import type { Clock } from '../journal/clock.ts'
import { isoTimestamp } from '../journal/clock.ts'
import { assembleJournal, slotToRun, toSteadyState } from '../journal/assemble.ts'
import type { Redactor } from '../journal/redact.ts'
import type { HypothesisResult } from './hypothesis.ts'
import type { Trip } from '../controls/safeguards/guardian.ts'
import type { StopRequest } from '../safeguard/types.ts'
import type { RunOptions } from './run-experiment.ts'
import type { Interruption, RunSlot } from './run-state.ts'
import { describeProgress } from '@steadystate/model'
import { ProgressTracker, type PendingFacts } from './progress.ts'
import { decideVerdict } from './verdict.ts'
import { arch, platform } from 'node:os'

interface RecorderInit {
  experiment: Experiment
  options: RunOptions
  clock: Clock
  redactor: Redactor
  warnings: string[]
  scope: SubstitutionScope
}

/**
 * Holds the journal while the run builds it, and turns it into a (redacted) `Journal` at any moment.
 * A checkpoint, taken while the run is in progress, says so (status `running`, verdict `unfinished`,
 * `steadystate.progress`); only `finish` gives the journal that carries the outcome.
 */
export class Recorder {
  readonly measurements: Measurement[] = []
  readonly runSlots: RunSlot[] = []
  readonly rollbackSlots: RunSlot[] = []
  readonly startMicros: number
  title: string
  /** The status the run will end with, as far as it has got; checkpoints say `running`. */
  status: FinishedStatus = 'completed'
  deviated = false
  before: HypothesisResult | null = null
  after: HypothesisResult | null = null
  readonly during: HypothesisResult[] = []
  notTested = false
  methodFailures = 0
  reason: string | undefined
  interruption: Interruption | undefined
  error: { code: ErrorCode; message: string } | undefined
  rollbacks: { strategy: RollbackStrategy; played: boolean; reason: string }
  hypothesisStrategy = 'default'
  /** The record of pending rollbacks and the locks kept outside the runner, once they are held. */
  cluster: ClusterRecords | undefined
  /** The checks of the run's safeguards, when it has any (the guardian's own list). */
  safeguardChecks: SafeguardCheck[] | undefined = undefined
  /** What stopped the run from outside its method (a safeguard, the kill switch): the first only. */
  private stop:
    { cause: StopRequest; trippedAtMicros: number; haltedAtMicros: number | undefined } | undefined
  /** Controls the run goes without (`--skip-unknown-controls`). */
  skippedControls: SkippedControl[] = []
  /**
   * The experiment as the run's Python controls left it, once one changed it. The reference's
   * journal holds a shallow copy of the experiment taken at the start, so what controls change inside
   * its fields (activities repeat inserts into the method) shows there too; so it does here.
   */
  changedExperiment: (() => JsonObject | undefined) | undefined
  readonly progress: ProgressTracker
  /** Set for a document that is not a valid experiment: the journal names it, without its content. */
  private leftOut: { bytes: number | undefined } | undefined

  constructor(private readonly init: RecorderInit) {
    this.startMicros = init.clock()
    this.title = typeof init.experiment.title === 'string' ? init.experiment.title : ''
    this.rollbacks = {
      strategy: init.options.rollbackStrategy ?? 'default',
      played: false,
      reason: 'not reached',
    }
    this.progress = new ProgressTracker(this.startMicros, () => this.checkpoint())
  }

  /** Hands a checkpoint to the host (`onCheckpoint`), which writes it in the background. */
  checkpoint(): void {
    void this.checkpointDurably()
  }

  /**
   * Hands a checkpoint to the host and waits until it says it is on disk; the error message when it
   * is not. The run waits for this before its method starts, so a fault is never injected before
   * the journal on disk says that rollbacks are pending.
   */
  async checkpointDurably(): Promise<string | undefined> {
    const callback = this.init.options.onCheckpoint
    if (callback === undefined) return undefined
    try {
      await callback(this.checkpointJournal())
      return undefined
    } catch (error) {
      // The host says so in its log; the run goes on (before the method, the caller decides).
      return errorMessage(error)
    }
  }

  /**
   * The journal will hold the document's source and size instead of its content: a document that
   * is not a valid experiment may be anything (a kubeconfig named by mistake, with its token).
   */
  leaveOutExperiment(bytes: number | undefined): void {
    this.leftOut = { bytes }
  }

  /** A safeguard tripped: the verdict says so, and the journal's `steadystate.stop` records it. */
  tripped(trip: Trip): void {
    const { probe, value, reason } = trip
    this.stopped(
      { source: 'safeguard', control: probe.control, probe: probe.name, value, reason },
      trip.trippedAtMicros,
    )
  }

  /**
   * Something stopped the run from outside its method (a safeguard, the kill switch): the verdict
   * says so, and the journal's `steadystate.stop` records it. A second stop changes nothing: the
   * run is already stopping for the first.
   */
  stopped(cause: StopRequest, atMicros: number): void {
    if (this.stop !== undefined) return
    this.stop = { cause, trippedAtMicros: atMicros, haltedAtMicros: undefined }
    const what = stopperName(cause)
    this.reason = `stopped by ${what} at ${isoTimestamp(atMicros)}: ${cause.reason}`
  }

  /** The run has halted (its rollbacks done): the time to halt of a stop is known. */
  halted(atMicros: number): void {
    if (this.stop !== undefined && this.stop.haltedAtMicros === undefined) this.stop.haltedAtMicros = atMicros
  }

  private stopRecord(): { stop?: RunStop } {
    if (this.stop === undefined) return {}
    const { cause, trippedAtMicros, haltedAtMicros } = this.stop
    const stop: RunStop = {
      source: cause.source,
      control: cause.control,
      probe: cause.probe,
      value: cause.value,
      reason: cause.reason,
      trippedAt: isoTimestamp(trippedAtMicros),
      haltedAt: haltedAtMicros === undefined ? null : isoTimestamp(haltedAtMicros),
      timeToHalt: haltedAtMicros === undefined ? null : (haltedAtMicros - trippedAtMicros) / 1e6,
    }
    return { stop }
  }

  /** A journal for a run that could not start (invalid experiment, unresolvable configuration). */
  notRun(code: ErrorCode, message: string): Journal {
    this.status = 'aborted'
    this.error = { code, message }
    this.rollbacks = { ...this.rollbacks, reason: 'nothing ran, so there was nothing to roll back' }
    return this.finish()
  }

  /** The final journal: the one write that carries the run's outcome. */
  finish(): Journal {
    this.progress.enter('finishing', this.init.clock())
    return this.build('final')
  }

  /** The journal as it will be if the run ends now (for the final verdict event). */
  snapshot(): Journal {
    return this.build('final')
  }

  /** The journal of a run in progress: status `running`, verdict `unfinished`, where it is. */
  checkpointJournal(): Journal {
    return this.build('checkpoint')
  }

  private pendingFacts(): PendingFacts {
    return {
      status: this.status,
      deviated: this.deviated,
      strategy: this.rollbacks.strategy,
      dry: this.init.options.dry ?? null,
      hasRollbacks: entriesOf(this.init.experiment.rollbacks).length > 0,
    }
  }

  private verdict(kind: 'final' | 'checkpoint'): Verdict {
    if (kind === 'checkpoint') {
      const facts = this.pendingFacts()
      const where = describeProgress(this.progress.snapshot(facts))
      return {
        kind: 'unfinished',
        summary: `The run had not finished when this journal was written (it was in ${where}): ${this.progress.pending(facts).why}.`,
      }
    }
    return decideVerdict({
      status: this.status,
      deviated: this.deviated,
      notTested: this.notTested,
      methodFailures: this.methodFailures,
      hadHypothesis: this.before !== null || this.after !== null || this.during.length > 0,
      reason: this.error?.message ?? this.reason,
    })
  }

  /** The experiment's own fields, with their content as controls left it (see changedExperiment). */
  private experimentFields(): JsonObject {
    const fields = { ...this.init.experiment.source }
    const changed = this.changedExperiment?.()
    if (changed === undefined) return fields
    for (const key of Object.keys(fields)) {
      const value = changed[key]
      if (value !== undefined) fields[key] = value
    }
    return fields
  }

  private build(kind: 'final' | 'checkpoint'): Journal {
    const { options, clock, redactor, warnings } = this.init
    const endMicros = clock()
    const journal = assembleJournal({
      experiment:
        this.leftOut === undefined
          ? { ...this.experimentFields(), title: this.title, dry: options.dry ?? null }
          : leftOutExperiment(options.source, this.leftOut.bytes, options.dry ?? null),
      startMicros: this.startMicros,
      endMicros,
      status: kind === 'checkpoint' ? 'running' : this.status,
      deviated: kind === 'checkpoint' ? false : this.deviated,
      before: steadyState(this.before),
      after: steadyState(this.after),
      during: this.during.map((result) => steadyState(result)),
      run: this.runSlots.map((slot) => slotToRun(slot, false)),
      rollbacks: this.rollbackSlots.map((slot) => slotToRun(slot, false)),
      extras: {
        version: options.version,
        runtime: `node ${process.versions.node} on ${platform()}-${arch()}`,
        options: {
          rollbackStrategy: this.rollbacks.strategy,
          hypothesisStrategy: this.hypothesisStrategy,
          hypothesisFrequency: options.hypothesisFrequency ?? 1,
          failFast: options.failFast === true,
          dry: options.dry ?? null,
        },
        verdict: this.verdict(kind),
        warnings: [...warnings],
        ...(this.interruption === undefined
          ? {}
          : {
              interruption: {
                signal: this.interruption.signal,
                at: isoTimestamp(this.interruption.atMicros),
                phase: this.interruption.phase,
              },
            }),
        ...(kind === 'checkpoint' ? { progress: this.progress.snapshot(this.pendingFacts()) } : {}),
        ...(this.error === undefined ? {} : { error: this.error }),
        ...(this.cluster === undefined ? {} : { cluster: this.cluster }),
        rollbacks: this.rollbacks,
        redactions: 0,
        measurements: [...this.measurements],
        ...(this.skippedControls.length === 0 ? {} : { skippedControls: [...this.skippedControls] }),
        ...(this.safeguardChecks === undefined ? {} : { safeguards: { checks: [...this.safeguardChecks] } }),
        ...this.stopRecord(),
      },
    })
    const redacted = redactor.deepCounted(journal)
    if (redacted.value.steadystate !== undefined) redacted.value.steadystate.redactions = redacted.count
    return redacted.value
  }
}

function leftOutExperiment(source: string, bytes: number | undefined, dry: RunOptions['dry']): JsonObject {
  const size = bytes === undefined ? '' : ` (${bytes} bytes)`
  return {
    title: source,
    description: `${source}${size} is not a valid experiment; its content is left out of this journal`,
    method: [],
    dry: dry ?? null,
  }
}

function steadyState(result: HypothesisResult | null): SteadyState | null {
  return result === null ? null : toSteadyState(result)
}

/** Who stopped the run, in the words of its verdict. */
function stopperName(cause: StopRequest): string {
  switch (cause.source) {
    case 'kill-switch':
      return 'the kill switch'
    case 'safeguard':
      return `safeguard '${cause.probe}'`
    case 'python-control':
      return `control '${cause.control}' (in ${cause.probe})`
    default:
      return assertNever(cause.source)
  }
}
