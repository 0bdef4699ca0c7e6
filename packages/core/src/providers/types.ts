import type { ActivityType, JsonObject, JsonValue, Provider } from '@steadystate/model'
import type { Environment } from '../config/configuration.ts'
import type { SecretValues } from '../config/secrets.ts'
import type { ValidationIssue } from '../errors.ts'
import type { RunResources } from './resources.ts'

/** What an activity may say while it runs (progress of long waits, victims picked, …). */
export interface ActivityLog {
  info(message: string): void
  warn(message: string): void
}

/** Everything a provider needs to run one activity; side effects come in through here. */
export interface ProviderContext {
  activityName: string
  activityType: ActivityType
  /** Resolved configuration (after env, vars and dynamic probes). */
  configuration: JsonObject
  /** Resolved secrets, by scope. */
  secrets: SecretValues
  env: Environment
  cwd: string
  /** Aborted on interruption or when the activity's deadline passes. */
  signal: AbortSignal
  log: ActivityLog
  /** Attaches a measurement (e.g. recovery time) to this activity run in the journal extras. */
  measure(kind: string, data: JsonValue): void
  /**
   * Keeps work going after the activity returns (e.g. watching replacements of terminated pods become
   * Ready). The run waits for it before the final journal; `signal` aborts on interruption.
   */
  defer(label: string, task: (signal: AbortSignal) => Promise<void>): void
  /** What providers and modules keep for this run only (clients, measurements); closed with it. */
  resources: RunResources
}

/** What validation may consult: the environment and the current working directory. */
export interface ValidationContext {
  env: Environment
  cwd: string
  activityName: string
  activityType: ActivityType
  /**
   * True the first time `key` is asked in this validation, so advice shared by several activities
   * (e.g. which package to install) is given once.
   */
  once?: (key: string) => boolean
}

/**
 * One provider type (`process`, `http`, `python`, or one a host registers): validates its
 * declaration and runs it. `P` is the provider it takes, already narrowed by its type.
 */
export interface ProviderType<P extends Provider = Provider> {
  readonly type: string
  /** Checks the declared provider (before substitution); `path` is its JSON path. */
  validate(provider: P, path: string, context: ValidationContext): Promise<ValidationIssue[]>
  /** Runs the provider, already substituted. Throws `ActivityFailedError` for expected failures. */
  run(provider: P, context: ProviderContext): Promise<JsonValue>
  /** One line describing the provider for logs, e.g. `process: kubectl get pods`. */
  describe(provider: P): string
  /** Stops what the provider keeps running between activities (the Python worker). */
  close?(): Promise<void>
}

/** A provider type bound to one provider: what the engine calls for an activity. */
export interface BoundProvider {
  validate(path: string, context: ValidationContext): Promise<ValidationIssue[]>
  run(context: ProviderContext): Promise<JsonValue>
  describe(): string
}
