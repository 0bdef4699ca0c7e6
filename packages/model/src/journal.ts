import type { ActivityType, DryRunMode } from './experiment.ts'
import type { ErrorCode } from './errors.ts'
import type { JsonObject, JsonValue } from './json.ts'
import type { SafeguardsRecord } from './safeguards.ts'
import type { RunStop, SkippedControl } from './controls.ts'

/**
 * The journal Chaos Toolkit writes (`journal.json`), typed. Key order matters for byte-level
 * compatibility with tools that diff journals; builders emit keys in the order declared here.
 * See docs/chaos-toolkit.md §5.
 */

/** How a run ended: the statuses the Chaos Toolkit writes. Only a final journal carries one. */
export type FinishedStatus = 'completed' | 'failed' | 'aborted' | 'interrupted'
export const FINISHED_STATUSES: readonly FinishedStatus[] = ['completed', 'failed', 'aborted', 'interrupted']

/**
 * A journal's status. `running` is steadystate's: every journal written while a run is in progress
 * (a checkpoint) says it, so a run killed at any moment never leaves a journal that claims an
 * outcome. The Chaos Toolkit never writes it, and its tools treat anything but `completed` as not
 * a success.
 */
export type RunStatus = FinishedStatus | 'running'
export const RUN_STATUSES: readonly RunStatus[] = [...FINISHED_STATUSES, 'running']

/** Whether an activity ran to its end (a probe whose tolerance was not met still succeeded). */
export type ActivityStatus = 'succeeded' | 'failed'

/**
 * An activity as the experiment declared it, which the journal records unchanged. A valid
 * experiment's activities have these three keys; one run with `--no-validation` may hold any object.
 */
export interface DeclaredActivity {
  type: ActivityType
  name: string
  provider: JsonObject
  [key: string]: JsonValue
}

/** One activity run: what ran, its output, when, and how it ended. */
export interface ActivityRun {
  activity: DeclaredActivity
  output: JsonValue
  start: string
  /** Missing only in legacy or interrupted journals. */
  status?: ActivityStatus
  /** Traceback-style lines; the last one reads `<ErrorType>: <message>`. */
  exception?: string[]
  end?: string
  duration?: number
  /** Present only for hypothesis probes. */
  tolerance_met?: boolean
}

/** A check of the steady-state hypothesis: whether it was met, and its probes' runs. */
export interface SteadyState {
  steady_state_met: boolean | null
  probes: ActivityRun[]
}

/** Every check of the hypothesis: before and after the method, and during it. */
export interface SteadyStates {
  before: SteadyState | null
  after: SteadyState | null
  during: (SteadyState | null)[]
}

/** Everything steadystate adds, under one key that Chaos Toolkit tools ignore. */
export interface SteadystateExtras {
  version: string
  /** Node.js version and OS the run used. */
  runtime: string
  options: {
    rollbackStrategy: string
    hypothesisStrategy: string
    hypothesisFrequency: number
    failFast: boolean
    dry: DryRunMode | null
  }
  /** Why the run ended the way it did, in words a CI user can act on. */
  verdict: Verdict
  /** Human-readable notes raised during the run (skipped controls, nothing tested, …). */
  warnings: string[]
  interruption?: { signal: string; at: string; phase: string }
  /**
   * Present while the run is not finished: in every checkpoint (status `running`), and in a journal
   * whose rollbacks were left incomplete (a forced exit, a failed `steadystate rollback`).
   */
  progress?: RunProgress
  /** Set by `steadystate rollback` once the rollbacks a run left pending have all been played. */
  recovered?: { at: string; by: string }
  /** Where the run kept the record of its pending rollbacks and its locks (Kubernetes runs). */
  cluster?: ClusterRecords
  /** An engine error that aborted the run. */
  error?: { message: string; code: ErrorCode }
  rollbacks: { strategy: string; played: boolean; reason: string }
  /** How many secret values were redacted from this journal. */
  redactions: number
  /** Measurements that activities attach (e.g. Kubernetes recovery times), keyed by phase and index. */
  measurements: Measurement[]
  /** Present when the experiment declares safeguards: every check they made. */
  safeguards?: SafeguardsRecord
  /** Set when a safeguard or the kill switch stopped the run: what tripped, and how fast it halted. */
  stop?: RunStop
  /** Controls the run went without because `--skip-unknown-controls` said so. */
  skippedControls?: SkippedControl[]
}

/**
 * A run's record of pending rollbacks kept outside its runner, whose disk can vanish with it, and the
 * locks it held: for Kubernetes runs, a ConfigMap and a Lease in each namespace its actions target.
 * `steadystate rollback` and `steadystate recover` find them here. Never holds a secret value.
 */
export interface ClusterRecords {
  /** The run's own id (the Lease holder while it runs; the ConfigMaps are named after it). */
  runId: string
  /** Who and where ran it: host, CI job. */
  origin: string
  records: ClusterRecordRef[]
}

export interface ClusterRecordRef {
  namespace: string
  /** The ConfigMap holding the record. */
  configMap: string
  /** The Lease that is the run's lock (and its heartbeat). */
  lease: string
}

/** Where an unfinished run was when its journal was last written. */
export interface RunProgress {
  /** `starting`, `before`, `method`, `after`, `rollbacks` or `finishing`. */
  phase: ProgressPhase
  /** The activity in progress (its name), null between activities. */
  activity: string | null
  /** When that activity, or else the phase, started. */
  startedAt: string
  /**
   * Whether a fault may be in place that the rollbacks have not undone: true from the start of the
   * method (when the rollback strategy would play them) until every rollback has run.
   */
  rollbacksPending: boolean
}

/** The phases of a run, in order, as `steadystate.progress.phase` names them. */
export type ProgressPhase = 'starting' | 'before' | 'method' | 'after' | 'rollbacks' | 'finishing'

/**
 * `held`: steady state met before and after. `incomplete`: it held, but method activities failed, so
 * the fault may never have been injected. `not-tested`: the steady state was not met before the
 * method, so the method was skipped (the reference still exits 0). `unfinished`: the run did not
 * finish (a checkpoint, or rollbacks left incomplete), so nothing is known about the system and its
 * rollbacks may not have run. The rest follow the run status.
 */
export type VerdictKind =
  'held' | 'incomplete' | 'deviated' | 'not-tested' | 'failed' | 'aborted' | 'interrupted' | 'unfinished'

/** A run's verdict: its kind, and a sentence that says why. */
export interface Verdict {
  kind: VerdictKind
  summary: string
}

/** A measurement an activity attached to its run (e.g. the recovery time of terminated pods). */
export interface Measurement {
  /** Which journal list the activity run is in: `run`, `rollbacks`, or `steady_states.<phase>`. */
  phase: string
  index: number
  activity: string
  kind: string
  data: JsonValue
}

/** A journal (`journal.json`), keys in the reference's order, steadystate's extras last. */
export interface Journal {
  'chaoslib-version': string
  platform: string
  node: string
  /** The experiment as written, with its title substituted and the dry-run mode added. */
  experiment: JsonObject
  start: string
  status: RunStatus
  deviated: boolean
  steady_states: SteadyStates
  run: ActivityRun[]
  rollbacks: ActivityRun[]
  end: string
  duration: number
  steadystate?: SteadystateExtras
}
