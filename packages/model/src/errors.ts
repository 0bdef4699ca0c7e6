/**
 * Error codes. A run that ends with an engine error records one of `ErrorCode` as
 * `steadystate.error.code` in its journal; the failures of one activity carry an `ActivityErrorCode`
 * and end up in that activity's `exception` lines instead (the run goes on).
 */

/** Every code a journal's `steadystate.error.code` holds, in the order a run can meet them. */
export const ERROR_CODES = [
  /** A wrong flag or input (a var file, the experiment's size limit): nothing ran. */
  'USAGE',
  /** The journal cannot be written (found before anything runs, or before the method starts). */
  'JOURNAL_UNWRITABLE',
  /** The experiment cannot be read, downloaded or parsed, or is not a mapping. */
  'EXPERIMENT_UNREADABLE',
  /** The experiment fails validation, or a `ref` names no activity (then the run is aborted). */
  'EXPERIMENT_INVALID',
  /** A native module's pre-flight check failed (e.g. the Kubernetes cluster cannot be reached). */
  'PREFLIGHT',
  /** A safeguard the run keeps outside its runner (record, lock) could not be opened. */
  'SAFEGUARD',
  /** A kill switch in the run's scope is pulled, or cannot be read: nothing ran. */
  'KILL_SWITCH',
  /** Another run of the experiment holds its lock (`--lock`): nothing ran. */
  'LOCKED',
  /** The lock could not be taken or read (API error, missing RBAC). */
  'LOCK_UNAVAILABLE',
  /** An earlier run left rollbacks pending in the cluster: `steadystate recover` first. */
  'PENDING_ROLLBACKS',
  /** The record of pending rollbacks could not be written, so the method did not start. */
  'RECORD_UNWRITABLE',
  /** A signal stopped the run before it started (while the experiment was being read). */
  'INTERRUPTED',
  /** A bug in steadystate. */
  'INTERNAL',
] as const

/** Why a run ended with an engine error: the journal's `steadystate.error.code`. */
export type ErrorCode = (typeof ERROR_CODES)[number]

/** Codes of failures inside one activity, which the activity's journal entry records. */
export const ACTIVITY_ERROR_CODES = [
  /** The activity failed in an expected way (the reference's `ActivityFailed`). */
  'ACTIVITY_FAILED',
  /** No usable Kubernetes configuration (kubeconfig, in-cluster service account, environment). */
  'KUBERNETES_CONFIG',
  /** The Kubernetes API server did not answer. */
  'KUBERNETES_UNREACHABLE',
  /** The Kubernetes API server answered with an error status. */
  'KUBERNETES_API',
  /** An HTTP request failed (connection, timeout, interruption, protocol). */
  'HTTP_REQUEST_FAILED',
  /** No Python for the Python bridge, or it cannot run the worker. */
  'PYTHON_UNAVAILABLE',
  /** The Python worker stopped or broke its protocol. */
  'PYTHON_WORKER_STOPPED',
  /** A tolerance cannot judge a value (Python would raise): the probe's tolerance is not met. */
  'TOLERANCE_UNJUDGEABLE',
] as const

/** The code of a failure inside one activity. */
export type ActivityErrorCode = (typeof ACTIVITY_ERROR_CODES)[number]

/** True for a code a journal's `steadystate.error.code` may hold. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}

/** The message of anything thrown: an error's message, else the value as text. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}

/** The system error code of a failed call (`ENOENT`, `ECONNREFUSED`, …), if it has one. */
export function systemErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined
  return typeof error.code === 'string' ? error.code : undefined
}
