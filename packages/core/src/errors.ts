/** Error codes callers can branch on; each maps to an exit code in the CLI. */
export type ErrorCode =
  | 'EXPERIMENT_UNREADABLE'
  | 'EXPERIMENT_INVALID'
  | 'USAGE'
  | 'PROVIDER_UNKNOWN'
  | 'ACTIVITY_FAILED'
  | 'INTERRUPTED'
  | 'INTERNAL'

/** Base class: every error steadystate throws carries a code and, when useful, a hint. */
export class SteadystateError extends Error {
  readonly code: ErrorCode
  readonly hint: string | undefined

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'SteadystateError'
    this.code = code
    this.hint = options.hint
  }
}

/** The experiment file cannot be read or parsed. */
export class ExperimentUnreadableError extends SteadystateError {
  readonly source: string
  constructor(source: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('EXPERIMENT_UNREADABLE', `${source}: ${message}`, options)
    this.name = 'ExperimentUnreadableError'
    this.source = source
  }
}

/** One problem found by validation, with the JSON path of the offending field. */
export interface ValidationIssue {
  path: string
  message: string
  severity: 'error' | 'warning'
}

export function formatIssue(issue: ValidationIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`
}

/** The experiment is not valid; `issues` lists every problem at once. */
export class ExperimentInvalidError extends SteadystateError {
  readonly issues: ValidationIssue[]
  constructor(source: string, issues: ValidationIssue[]) {
    const errors = issues.filter((issue) => issue.severity === 'error')
    const lines = errors.map((issue) => `  - ${formatIssue(issue)}`).join('\n')
    super(
      'EXPERIMENT_INVALID',
      `${source} is not a valid experiment (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n${lines}`,
    )
    this.name = 'ExperimentInvalidError'
    this.issues = issues
  }
}

/**
 * An activity failed in an expected way (timeout, connection refused, API error). The run records it
 * and goes on, like the reference's `chaoslib.exceptions.ActivityFailed`.
 */
export class ActivityFailedError extends SteadystateError {
  /** The journal's `exception` lines when the failure has its own (a Python traceback). */
  readonly traceback: readonly string[] | undefined

  constructor(
    message: string,
    options: { hint?: string; cause?: unknown; traceback?: readonly string[] } = {},
  ) {
    super('ACTIVITY_FAILED', message, options)
    this.name = 'ActivityFailed'
    this.traceback = options.traceback
  }
}

/** A bug in steadystate itself. */
export class InternalError extends SteadystateError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('INTERNAL', message, options)
    this.name = 'InternalError'
  }
}

export function assertNever(value: never, what = 'value'): never {
  throw new InternalError(`unhandled ${what}: ${JSON.stringify(value)}`)
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
