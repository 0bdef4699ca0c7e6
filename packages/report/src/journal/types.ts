import type { JsonValue, VerdictKind } from '@steadystate/model'
import type { Timestamp } from './timestamp.ts'

/**
 * The one model every renderer reads: a journal of any shape (Chaos Toolkit 0.12 to 1.45, or
 * steadystate's), normalised and already redacted. Renderers never look at the raw journal.
 */
export interface ReportJournal {
  readonly kind: 'report-journal'
  title: string
  description: string
  tags: string[]
  contributions: { name: string; level: string }[]
  engine: Engine
  platform: string
  node: string
  start: Timestamp | undefined
  end: Timestamp | undefined
  durationSeconds: number | undefined
  /** The journal's `status`, `unknown` if it recorded none we know. */
  status: string
  deviated: boolean
  verdict: ReportVerdict
  dry: DryMode | null
  hypothesis: Hypothesis | undefined
  method: RunRecord[]
  rollbacks: RunRecord[]
  rollbackDecision: { strategy: string; played: boolean; reason: string } | undefined
  options: RunOptions | undefined
  warnings: string[]
  interruption: { signal: string; at: string; phase: string } | undefined
  /** What stopped the run from outside its method (a safeguard, the kill switch), and how fast. */
  stop: StopRecord | undefined
  /** Where the run was when its journal was last written, for a run that did not finish. */
  progress: Progress | undefined
  /** Who played the pending rollbacks of a run that did not finish (`steadystate rollback`). */
  recovered: { at: string; by: string } | undefined
  error: { code: string; message: string } | undefined
  redaction: Redaction
  measurements: MeasurementRecord[]
  /** The safeguards control's probes and the checks they made (`steadystate.safeguards`), if any. */
  safeguards: Safeguards | undefined
  /** `scope.key` of every declared secret; their values are never kept. */
  secretNames: string[]
  configuration: ConfigurationEntry[]
}

export interface Progress {
  phase: string
  activity: string | null
  startedAt: string
  rollbacksPending: boolean
}

export type Engine =
  | { name: 'steadystate'; version: string; format: string; runtime: string }
  | { name: 'chaostoolkit'; version: string }

export interface ReportVerdict {
  kind: VerdictKind
  summary: string
  /** `journal` when steadystate recorded it, `derived` when read from status/deviated/steady_states. */
  source: 'journal' | 'derived'
}

/** `true` in journals before chaoslib 1.x meant every activity was dry. */
export type DryMode = 'probes' | 'actions' | 'activities' | 'pause'

export interface Hypothesis {
  title: string
  /** False for the 2018 shape, which did not record the hypothesis results. */
  recorded: boolean
  before: HypothesisCheck | undefined
  after: HypothesisCheck | undefined
  during: HypothesisCheck[]
  /** Probes as declared, for journals that did not record them. */
  declared: { name: string; tolerance: JsonValue | undefined }[]
}

export interface HypothesisCheck {
  met: boolean | null
  probes: RunRecord[]
}

export type Phase = 'before' | 'during' | 'method' | 'after' | 'rollbacks'

export interface RunRecord {
  /** Where the run is in the journal, e.g. `run[2]`, `steady_states.during[3].probes[0]`. */
  path: string
  phase: Phase
  /** Which `during` check, for `during` probes. */
  iteration: number | undefined
  name: string
  type: 'probe' | 'action' | 'activity'
  provider: ProviderSummary
  arguments: JsonValue | undefined
  tolerance: JsonValue | undefined
  /** `undefined` when the journal has no `output` key (interrupted runs). */
  output: JsonValue | undefined
  status: 'succeeded' | 'failed' | 'unknown'
  toleranceMet: boolean | undefined
  exception: string[]
  /** Seconds since the journal's start. */
  startOffset: number | undefined
  endOffset: number | undefined
  durationSeconds: number | undefined
  pauses: { before: number | string | undefined; after: number | string | undefined }
  background: boolean
}

export type ProviderSummary =
  | { type: 'python'; module: string; func: string }
  | { type: 'process'; path: string }
  | { type: 'http'; method: string; url: string }
  | { type: 'other'; name: string }

export interface RunOptions {
  rollbackStrategy: string
  hypothesisStrategy: string
  hypothesisFrequency: number | undefined
  failFast: boolean
}

export interface Redaction {
  /** Replacements steadystate made when writing the journal, if it said. */
  engine: number | undefined
  /** Replacements the report made (secrets a Chaos Toolkit journal kept in clear). */
  report: number
  /** Secret values too short or common to mask inside text: masked only as whole values. */
  wholeValueOnly: number
}

export interface MeasurementRecord {
  phase: string
  index: number
  activity: string
  kind: string
  data: JsonValue
}

export interface ConfigurationEntry {
  key: string
  /** `env FRONTEND_URL (default …)`, a literal, or a dynamic probe's name; never a secret. */
  source: string
}

/** A safeguards control (`chaosaddons.controls.safeguards`): its probes and what they answered. */
export interface Safeguards {
  declared: DeclaredSafeguard[]
  checks: SafeguardCheckRecord[]
}

export interface DeclaredSafeguard {
  name: string
  provider: ProviderSummary
  arguments: JsonValue | undefined
  tolerance: JsonValue | undefined
}

/** One check (`steadystate.safeguards.checks[]`), its times as offsets from the journal's start. */
export interface SafeguardCheckRecord {
  probe: string
  mode: string
  startOffset: number | undefined
  atOffset: number | undefined
  value: JsonValue
  ok: boolean
  error: string | undefined
  measurements: { kind: string; data: JsonValue }[]
}

/** `steadystate.stop`, as the report shows it. */
export interface StopRecord {
  source: string
  control: string
  probe: string
  reason: string
  trippedAt: string
  /** Seconds from the trip to the end of the rollbacks; undefined when the journal has none. */
  timeToHalt: number | undefined
}
