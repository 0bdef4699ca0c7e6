import type { Activity, DryRunMode, JsonValue } from './experiment.ts'

/**
 * The journal Chaos Toolkit writes (`journal.json`), typed. Key order matters for byte-level
 * compatibility with tools that diff journals; builders emit keys in the order declared here.
 * See docs/chaos-toolkit.md §5.
 */

export type RunStatus = 'completed' | 'failed' | 'aborted' | 'interrupted'
export const RUN_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'aborted', 'interrupted']

export type ActivityStatus = 'succeeded' | 'failed'

export interface ActivityRun {
  activity: Activity
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

export interface SteadyState {
  steady_state_met: boolean | null
  probes: ActivityRun[]
}

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
  /** An engine error that aborted the run. */
  error?: { message: string; code: string }
  rollbacks: { strategy: string; played: boolean; reason: string }
  /** How many secret values were redacted from this journal. */
  redactions: number
  /** Measurements that activities attach (e.g. Kubernetes recovery times), keyed by phase and index. */
  measurements: Measurement[]
}

/**
 * `held`: steady state met before and after. `incomplete`: it held, but method activities failed, so
 * the fault may never have been injected. `not-tested`: the steady state was not met before the
 * method, so the method was skipped (the reference still exits 0). The rest follow the run status.
 */
export type VerdictKind =
  'held' | 'incomplete' | 'deviated' | 'not-tested' | 'failed' | 'aborted' | 'interrupted'

export interface Verdict {
  kind: VerdictKind
  summary: string
}

export interface Measurement {
  /** Which journal list the activity run is in: `run`, `rollbacks`, or `steady_states.<phase>`. */
  phase: string
  index: number
  activity: string
  kind: string
  data: JsonValue
}

export interface Journal {
  'chaoslib-version': string
  platform: string
  node: string
  experiment: Record<string, unknown>
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
