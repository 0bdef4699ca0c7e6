import type { Journal, Measurement, RunStatus, SteadyState } from '@steadystate/model'
import type { SubstitutionScope } from '../config/substitution.ts'
import type { Clock } from '../journal/clock.ts'
import { isoTimestamp } from '../journal/clock.ts'
import { assembleJournal, slotToRun, toSteadyState } from '../journal/assemble.ts'
import type { Redactor } from '../journal/redact.ts'
import type { HypothesisResult } from './hypothesis.ts'
import type { RunOptions } from './run-experiment.ts'
import type { Interruption, RunSlot } from './run-state.ts'
import { decideVerdict } from './verdict.ts'
import { arch, platform } from 'node:os'

interface RecorderInit {
  experiment: Record<string, unknown>
  options: RunOptions
  clock: Clock
  redactor: Redactor
  warnings: string[]
  scope: SubstitutionScope
}

/**
 * Holds the journal while the run builds it, and turns it into a (redacted) `Journal` at any moment:
 * for checkpoints during the run, after an interruption, and at the end.
 */
export class Recorder {
  readonly measurements: Measurement[] = []
  readonly runSlots: RunSlot[] = []
  readonly rollbackSlots: RunSlot[] = []
  readonly startMicros: number
  title: string
  status: RunStatus = 'completed'
  deviated = false
  before: HypothesisResult | null = null
  after: HypothesisResult | null = null
  readonly during: HypothesisResult[] = []
  notTested = false
  methodFailures = 0
  reason: string | undefined
  interruption: Interruption | undefined
  error: { code: string; message: string } | undefined
  rollbacks: { strategy: string; played: boolean; reason: string }
  hypothesisStrategy = 'default'
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
  }

  /** Hands a consistent journal to the checkpoint callback, if any. */
  checkpoint(): void {
    const callback = this.init.options.onCheckpoint
    if (callback === undefined) return
    try {
      callback(this.snapshot())
    } catch {
      // A failed checkpoint write must not stop the run; the final write reports errors.
    }
  }

  /**
   * The journal will hold the document's source and size instead of its content: a document that
   * is not a valid experiment may be anything (a kubeconfig named by mistake, with its token).
   */
  leaveOutExperiment(bytes: number | undefined): void {
    this.leftOut = { bytes }
  }

  /** A journal for a run that could not start (invalid experiment, unresolvable configuration). */
  notRun(code: string, message: string): Journal {
    this.status = 'aborted'
    this.error = { code, message }
    this.rollbacks = { ...this.rollbacks, reason: 'nothing ran, so there was nothing to roll back' }
    return this.finish()
  }

  finish(): Journal {
    const journal = this.snapshot()
    this.init.options.onCheckpoint?.(journal)
    return journal
  }

  snapshot(): Journal {
    const { experiment, options, clock, redactor, warnings } = this.init
    const endMicros = clock()
    const verdict = decideVerdict({
      status: this.status,
      deviated: this.deviated,
      notTested: this.notTested,
      methodFailures: this.methodFailures,
      hadHypothesis: this.before !== null || this.after !== null || this.during.length > 0,
      reason: this.error?.message ?? this.reason,
    })
    const journal = assembleJournal({
      experiment:
        this.leftOut === undefined
          ? { ...experiment, title: this.title, dry: options.dry ?? null }
          : leftOutExperiment(options.source, this.leftOut.bytes, options.dry ?? null),
      startMicros: this.startMicros,
      endMicros,
      status: this.status,
      deviated: this.deviated,
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
        verdict,
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
        ...(this.error === undefined ? {} : { error: this.error }),
        rollbacks: this.rollbacks,
        redactions: 0,
        measurements: [...this.measurements],
      },
    })
    const redacted = redactor.deepCounted(journal)
    if (redacted.value.steadystate !== undefined) redacted.value.steadystate.redactions = redacted.count
    return redacted.value
  }
}

function leftOutExperiment(
  source: string,
  bytes: number | undefined,
  dry: RunOptions['dry'],
): Record<string, unknown> {
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
