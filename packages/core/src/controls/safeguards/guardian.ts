import { type JsonValue, type Measurement, type SafeguardCheck } from '@steadystate/model'
import { isoTimestamp } from '../../journal/clock.ts'
import { executeActivity } from '../../run/execute-activity.ts'
import { judge } from '../../run/hypothesis.ts'
import { pause } from '../../run/pause.ts'
import { resolveActivity } from '../../run/refs.ts'
import type { RunSlot, RunState } from '../../run/run-state.ts'
import type { SafeguardProbe } from './probes.ts'

/** A check whose answer stops the run. */
export interface Trip {
  probe: SafeguardProbe
  value: JsonValue
  reason: string
  trippedAtMicros: number
}

/**
 * Runs the safeguard probes of a run with chaostoolkit-addons' semantics: pre-checks block the
 * start, `background` probes run once alongside, `frequency` probes repeat until `stop`. The first
 * check whose tolerance is not met (or whose probe fails: safety fails closed) calls `onTrip` once,
 * at once, and no check after it counts. Unlike the reference, a repeating probe is judged as soon
 * as it answers (not after the next wait), and the trip is left to the run's own interruption path.
 */
export class Guardian {
  /** Every check judged, in the order the answers came (the journal's `steadystate.safeguards`). */
  readonly checks: SafeguardCheck[] = []
  private readonly stopped = new AbortController()
  /** Aborted when the guardian stops or the run is interrupted (a trip included): repeating probes. */
  private readonly repeating: AbortSignal
  private readonly running: Promise<void>[] = []
  private tripped = false

  constructor(
    private readonly state: RunState,
    private readonly probes: readonly SafeguardProbe[],
    private readonly onTrip: (trip: Trip) => void,
  ) {
    this.repeating = AbortSignal.any([this.stopped.signal, state.interrupt])
  }

  /** Starts the background and repeating probes, then runs the pre-checks and waits for them. */
  async start(): Promise<void> {
    for (const probe of this.probes) {
      // As in the reference, a background probe runs to its end (the run waits for it at `stop`).
      if (probe.mode === 'background') this.running.push(this.checkOnce(probe, this.state.interrupt))
      if (probe.mode === 'repeating') this.running.push(this.repeat(probe))
    }
    const preChecks = this.probes.filter((probe) => probe.mode === 'pre-check')
    await Promise.all(preChecks.map((probe) => this.checkOnce(probe, this.state.interrupt)))
  }

  /**
   * Stops the repeating probes (one in flight is cut short and not counted), waits for them and for
   * the background ones. No answer after this stops the run: it has ended its method and hypotheses.
   */
  async stop(): Promise<void> {
    this.stopped.abort(new Error('the run has ended its method and hypotheses'))
    await Promise.all(this.running)
  }

  private async repeat(probe: SafeguardProbe): Promise<void> {
    while (!this.repeating.aborted) {
      await this.checkOnce(probe, this.repeating)
      if (!(await pause(probe.frequencySeconds, this.repeating, () => undefined))) return
    }
  }

  private async checkOnce(probe: SafeguardProbe, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return
    const state = this.quietState(signal)
    const activity = resolveActivity(state.refs, probe.entry)
    const startMicros = state.clock()
    let value: JsonValue = null
    let ok: boolean
    let reason: string
    let error: string | undefined
    if (activity === undefined) {
      ok = false
      error = `could not find referenced activity '${probe.name}'`
      reason = error
    } else {
      const slots: RunSlot[] = []
      const run = await executeActivity(state, activity, 'during', slots)
      if (signal.aborted || run === undefined) return
      value = run.output
      if (!run.succeeded) {
        ok = false
        error = run.error ?? 'the probe failed'
        reason = `the probe failed: ${error}`
      } else if (state.dry === 'probes' || state.dry === 'activities') {
        ok = true
        reason = 'dry run'
      } else {
        const tolerance = probe.entry.kind === 'not-an-activity' ? undefined : probe.entry.tolerance
        const verdict = await judge(state, (tolerance ?? activity.tolerance)?.value, value)
        if (signal.aborted) return
        ok = verdict.met
        reason = verdict.met ? 'tolerance met' : verdict.reason
      }
    }
    const atMicros = state.clock()
    const measured = state.measurements.map((m) => ({ kind: m.kind, data: m.data }))
    this.checks.push({
      probe: probe.name,
      mode: probe.mode,
      start: isoTimestamp(startMicros),
      at: isoTimestamp(atMicros),
      value,
      ok,
      ...(error === undefined ? {} : { error }),
      ...(measured.length === 0 ? {} : { measurements: measured }),
    })
    if (!ok && !this.tripped && !this.stopped.signal.aborted) {
      this.tripped = true
      this.onTrip({ probe, value, reason, trippedAtMicros: atMicros })
    }
  }

  /**
   * The run's state for one check: its own signal and measurements, and no log lines or progress
   * of its own (a probe every second would drown the run's log; the checks are in the journal).
   */
  private quietState(signal: AbortSignal): RunState {
    const measurements: Measurement[] = []
    return {
      ...this.state,
      interrupt: signal,
      measurements,
      emit: (event) => {
        if (event.type === 'warning') this.state.emit(event)
      },
      progress: { activityStarted: () => undefined, activityFinished: () => undefined },
      checkpoint: () => undefined,
      // The reference's safeguards run their probes without the activity controls.
      controls: undefined,
    }
  }
}

/** A probe as the log names it. */
export function describeSafeguard(probe: SafeguardProbe): string {
  const how =
    probe.mode === 'repeating'
      ? `every ${probe.frequencySeconds} s`
      : probe.mode === 'background'
        ? 'once, in the background'
        : 'before the run'
  return `'${probe.name}' (${how})`
}
