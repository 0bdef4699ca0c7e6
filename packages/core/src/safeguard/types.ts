import type {
  ClusterRecords,
  ErrorCode,
  JsonObject,
  JsonValue,
  Journal,
  StopSource,
} from '@steadystate/model'
import type { Environment } from '../config/configuration.ts'
import type { RunResources } from '../providers/resources.ts'

/**
 * Safeguards a run keeps outside its own process: a record of its pending rollbacks that survives
 * the runner, and a lock so that one run at a time works on a target. The engine defines when they
 * are taken, kept and released; a driver (the Kubernetes one) implements them, and the host (the
 * CLI) hands the engine the providers to use. The engine never knows what a cluster is.
 */

/** One call of a `python` provider, as it will run: arguments substituted, its secrets resolved. */
export interface SafeguardCall {
  phase: 'hypothesis' | 'method' | 'rollbacks'
  /** The activity's name. */
  activity: string
  type: 'probe' | 'action'
  module: string
  func: string
  arguments: JsonObject
  /** Secrets of the scopes the provider lists, merged flat (what the function receives). */
  secrets: JsonObject
}

export type SafeguardMode =
  /** A run: lock the targets before the first phase, record pending rollbacks before the method. */
  | { kind: 'run' }
  /** Playing the rollbacks a run left pending: its journal names the records and locks it kept. */
  | { kind: 'recovery'; journal: Journal }

export interface SafeguardLog {
  info(message: string): void
  warn(message: string): void
}

export interface SafeguardRequest {
  mode: SafeguardMode
  /** The experiment as loaded (its title names the default lock). */
  experiment: Record<string, unknown>
  /** The run's configuration, dynamic values resolved (what `${name}` in the experiment becomes). */
  configuration: Readonly<Record<string, unknown>>
  calls: SafeguardCall[]
  env: Environment
  /** The run's resources: the safeguard shares its API clients with the run's activities. */
  resources: RunResources
  /** The run's interruption: a wait for a lock ends with it. */
  signal: AbortSignal
  log: SafeguardLog
}

export type SafeguardOpening =
  /** The experiment uses nothing this provider guards. */
  | { kind: 'not-applicable' }
  /** Locks held; the record is kept from `beforeMethod` on. */
  | { kind: 'held'; safeguard: Safeguard }
  /** Nothing may run: the journal says why (status `aborted`, this code and message). */
  | { kind: 'refused'; code: ErrorCode; message: string }

/**
 * The safeguards of one run (or one recovery), once its locks are held. Call order: `beforeMethod`
 * (runs only), `observe` with every journal written, `close` once at the end.
 */
export interface Safeguard {
  /**
   * What the journal records under `steadystate.cluster`, so a later recovery finds them; undefined
   * when the safeguard keeps no record (it only watches the kill switch).
   */
  readonly journalEntry: ClusterRecords | undefined
  /**
   * Aborts when a lock is lost (taken over, or not renewed by its deadline): the run can no longer
   * be sure it is alone, so it stops its method and plays its rollbacks.
   */
  readonly lost: AbortSignal
  /**
   * Something outside the run says it must stop (the kill switch was pulled): the engine records it
   * as the journal's `steadystate.stop` and stops the run as a tripped safeguard does. Called at
   * most once, and only while the method or the hypotheses may still run.
   */
  onStop?(listener: (request: StopRequest) => void): void
  /**
   * Before the method (runs only): keeps the record of pending rollbacks, from this checkpoint.
   * Resolves to why it could not; then the method must not start.
   */
  beforeMethod(checkpoint: Journal): Promise<string | undefined>
  /** Every journal checkpoint: keeps the record up to date as rollbacks succeed. Never throws. */
  observe(journal: Journal): void
  /**
   * At the end, after the rollbacks (also after an interruption): deletes the record when the
   * journal says nothing is pending, else keeps it for a recovery; releases the locks. Undefined
   * when the run broke without a final journal: the record stays, the locks are left to expire.
   * Never throws: what fails is logged.
   */
  close(final: Journal | undefined): Promise<void>
}

/** Why something outside the run stops it: what the journal's `steadystate.stop` records. */
export interface StopRequest {
  source: StopSource
  /** Who owns the check (`kill-switch`). */
  control: string
  /** What was checked (the switch, in words). */
  probe: string
  value: JsonValue
  reason: string
}

export interface SafeguardProvider {
  /** Opens the safeguards this provider keeps for the experiment, taking its locks. */
  open(request: SafeguardRequest): Promise<SafeguardOpening>
}
