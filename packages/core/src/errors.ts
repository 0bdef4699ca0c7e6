import { isErrorCode, type ActivityErrorCode, type ErrorCode } from '@steadystate/model'

export type { ActivityErrorCode, ErrorCode } from '@steadystate/model'
export { errorMessage, systemErrorCode } from '@steadystate/model'

/** What a `SteadystateError` may carry besides its code and message. */
export interface ErrorOptions {
  /** What to do about it, when that is not in the message. */
  hint?: string
  /** The error that led to this one. */
  cause?: unknown
}

/**
 * The one error class family: every error steadystate throws carries a code callers can branch on
 * (a journal's `steadystate.error.code`, or the code of a failure inside one activity) and, when
 * useful, a hint.
 */
export class SteadystateError extends Error {
  readonly code: ErrorCode | ActivityErrorCode
  readonly hint: string | undefined

  constructor(code: ErrorCode | ActivityErrorCode, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'SteadystateError'
    this.code = code
    this.hint = options.hint
  }
}

/** The experiment file cannot be read or parsed. */
export class ExperimentUnreadableError extends SteadystateError {
  readonly source: string
  constructor(source: string, message: string, options: ErrorOptions = {}) {
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

/**
 * An activity failed in an expected way (timeout, connection refused, API error). The run records it
 * and goes on, like the reference's `chaoslib.exceptions.ActivityFailed`. Subclasses (a Kubernetes
 * or Prometheus failure) keep a more precise code.
 */
export class ActivityFailedError extends SteadystateError {
  /** The journal's `exception` lines when the failure has its own (a Python traceback). */
  readonly traceback: readonly string[] | undefined

  constructor(
    message: string,
    options: ErrorOptions & { traceback?: readonly string[]; code?: ActivityErrorCode } = {},
  ) {
    super(options.code ?? 'ACTIVITY_FAILED', message, options)
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

/** The journal code of an error that stopped a run before it started; `fallback` for any other. */
export function journalErrorCode(error: unknown, fallback: ErrorCode): ErrorCode {
  return error instanceof SteadystateError && isErrorCode(error.code) ? error.code : fallback
}
