import type { JsonValue } from '@steadystate/model'
import type { Environment } from '../config/configuration.ts'
import type { ValidationIssue } from '../errors.ts'

/** What an activity may say while it runs (progress of long waits, victims picked, …). */
export interface ActivityLog {
  info(message: string): void
  warn(message: string): void
}

/** Everything a provider needs to run one activity; side effects come in through here. */
export interface ProviderContext {
  activityName: string
  activityType: 'probe' | 'action'
  /** Resolved configuration (after env, vars and dynamic probes). */
  configuration: Record<string, unknown>
  /** Resolved secrets, by scope. */
  secrets: Record<string, Record<string, unknown>>
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
}

/** What validation may consult: the environment and the current working directory. */
export interface ValidationContext {
  env: Environment
  cwd: string
  activityName: string
  activityType: 'probe' | 'action'
  /**
   * True the first time `key` is asked in this validation, so advice shared by several activities
   * (e.g. which package to install) is given once.
   */
  once?: (key: string) => boolean
}

/** One provider type (`process`, `http`, `python`): validates its declaration and runs it. */
export interface ProviderType {
  readonly type: string
  /** Checks the declared provider (before substitution); `path` is its JSON path. */
  validate(
    provider: Record<string, unknown>,
    path: string,
    context: ValidationContext,
  ): Promise<ValidationIssue[]>
  /** Runs the provider, already substituted. Throws `ActivityFailedError` for expected failures. */
  run(provider: Record<string, unknown>, context: ProviderContext): Promise<JsonValue>
  /** One line describing the provider for logs, e.g. `process: kubectl get pods`. */
  describe(provider: Record<string, unknown>): string
  /** Stops what the provider keeps running between activities (the Python worker). */
  close?(): Promise<void>
}
