import { isJsonObject, isRecord, type JsonObject, type JsonValue } from '@steadystate/model'

/** The protocol version worker.py speaks; a worker announcing another one is refused. */
export const PROTOCOL_VERSION = 1

/** The lists of the experiment an activity may sit in. */
export type ActivityListName = 'method' | 'rollbacks' | 'probes'

/** Where an activity sits in the run's experiment: its list and index there. */
export interface ActivityPosition {
  list: ActivityListName
  index: number
}

/**
 * Which object a control hook gets as its `context` (see worker_controls.py). An activity with a
 * position is the worker's own object at that place (when it still has that name), as in the
 * reference, where the activity a hook changes is the one inside the experiment.
 */
export type ControlContext =
  | { kind: 'experiment' }
  | { kind: 'hypothesis' }
  | { kind: 'activity'; activity: JsonObject; at: ActivityPosition | null }

/**
 * What steadystate asks the worker, one JSON line each. The worker answers unknown types with
 * `error`, so the union can grow without a protocol version bump (the controls' requests did).
 */
export type WorkerRequest =
  | {
      id: number
      type: 'call'
      module: string
      func: string
      arguments: JsonObject
      configuration: JsonObject
      /** The provider's `secrets` as declared (null when absent: no `secrets` argument is passed). */
      scopes: JsonValue
      /** Only the scopes the provider names. */
      secrets: JsonObject
    }
  | { id: number; type: 'validate'; module: string; func: string; arguments: JsonObject }
  | { id: number; type: 'describe' }
  /** Imports a control's module; `control` (when given) goes to its own `validate_control`. */
  | { id: number; type: 'inspect-control'; module: string; control: JsonObject | null }
  /** What every control hook of the run shares (kept by the worker until the next one). */
  | {
      id: number
      type: 'control-run'
      experiment: JsonObject
      configuration: JsonObject
      secrets: JsonObject
      settings: JsonObject | null
    }
  /** One hook of one control, with its (substituted) arguments. */
  | {
      id: number
      type: 'control'
      module: string
      hook: string
      arguments: JsonObject
      context: ControlContext
      state: JsonValue
      /** A settings file's or `--control-file`'s control: configured with the settings. */
      global: boolean
    }

/** What `validate` found, for steadystate to word as the reference does. */
export type ValidateVerdict =
  | { kind: 'ok' }
  | { kind: 'import-failed'; missing: string | null; error: string }
  | { kind: 'no-function' }
  | { kind: 'arguments'; missing: string[]; unexpected: string[] }

/** What `inspect-control` found. */
export type ControlVerdict =
  | { kind: 'ok'; hooks: string[] }
  | { kind: 'import-failed'; missing: string | null; error: string }
  /** The module's own `validate_control` raised. */
  | { kind: 'invalid'; error: string }

/**
 * What a hook changed, whatever its outcome: the experiment and the activity it was given, as the
 * hook left them (absent when unchanged). See PythonControls for how the run follows them.
 */
export interface ControlChanges {
  experiment?: JsonObject
  activity?: JsonObject
}

/** How a hook went: `interrupt` when it raised chaoslib's InterruptExecution. */
export type ControlOutcome = ControlChanges &
  (
    | { kind: 'done' }
    | { kind: 'interrupt'; message: string }
    | { kind: 'failed'; error: string; exception: string[] }
    /** It used what steadystate does not provide (the run's event registry): the run refuses. */
    | { kind: 'unsupported'; error: string }
  )

export interface PythonExtension {
  name: string
  version: string
  modules: string[]
}

export interface PythonDescription {
  python: string
  executable: string
  chaoslib: string | null
  extensions: PythonExtension[]
  path: string[]
}

export type WorkerMessage =
  | {
      type: 'ready'
      protocol: number
      python: string
      executable: string
      chaoslib: string | null
      pid: number
    }
  | { type: 'unsupported'; python: string }
  | { id: number; type: 'result'; output: JsonValue; notes: string[] }
  | { id: number; type: 'failed'; error: string; exception: string[] }
  | { id: number; type: 'validated'; verdict: ValidateVerdict }
  | { id: number; type: 'described'; description: PythonDescription }
  | { id: number; type: 'inspected'; verdict: ControlVerdict }
  | { id: number; type: 'controlled'; outcome: ControlOutcome }
  | { id: number | null; type: 'error'; message: string }

/** Answers to a request (everything but the start-up messages). */
export type WorkerAnswer = Extract<WorkerMessage, { id: number | null }>

const isString = (value: unknown): value is string => typeof value === 'string'
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString)

function isVerdict(value: unknown): value is ValidateVerdict {
  if (!isRecord(value)) return false
  switch (value.kind) {
    case 'ok':
    case 'no-function':
      return true
    case 'import-failed':
      return (value.missing === null || isString(value.missing)) && isString(value.error)
    case 'arguments':
      return isStringList(value.missing) && isStringList(value.unexpected)
    default:
      return false
  }
}

function isControlVerdict(value: unknown): value is ControlVerdict {
  if (!isRecord(value)) return false
  switch (value.kind) {
    case 'ok':
      return isStringList(value.hooks)
    case 'import-failed':
      return (value.missing === null || isString(value.missing)) && isString(value.error)
    case 'invalid':
      return isString(value.error)
    default:
      return false
  }
}

function isControlOutcome(value: unknown): value is ControlOutcome {
  if (!isRecord(value)) return false
  const changes = [value.experiment, value.activity]
  if (!changes.every((changed) => changed === undefined || isJsonObject(changed))) return false
  switch (value.kind) {
    case 'done':
      return true
    case 'interrupt':
      return isString(value.message)
    case 'failed':
      return isString(value.error) && isStringList(value.exception)
    case 'unsupported':
      return isString(value.error)
    default:
      return false
  }
}

function isDescription(value: unknown): value is PythonDescription {
  return (
    isRecord(value) &&
    isString(value.python) &&
    isString(value.executable) &&
    (value.chaoslib === null || isString(value.chaoslib)) &&
    isStringList(value.path) &&
    Array.isArray(value.extensions) &&
    value.extensions.every(
      (entry) =>
        isRecord(entry) && isString(entry.name) && isString(entry.version) && isStringList(entry.modules),
    )
  )
}

/**
 * One line of the worker's protocol output, checked field by field: a line that is not one of the
 * messages above is a broken worker, never something to guess at.
 */
export function parseWorkerMessage(line: string): WorkerMessage | undefined {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return undefined
  }
  if (!isRecord(value)) return undefined
  const id = value.id
  switch (value.type) {
    case 'ready':
      return typeof value.protocol === 'number' &&
        isString(value.python) &&
        isString(value.executable) &&
        (value.chaoslib === null || isString(value.chaoslib)) &&
        typeof value.pid === 'number'
        ? {
            type: 'ready',
            protocol: value.protocol,
            python: value.python,
            executable: value.executable,
            chaoslib: value.chaoslib,
            pid: value.pid,
          }
        : undefined
    case 'unsupported':
      return isString(value.python) ? { type: 'unsupported', python: value.python } : undefined
    case 'result':
      return typeof id === 'number' && isStringList(value.notes) && 'output' in value
        ? { id, type: 'result', output: value.output as JsonValue, notes: value.notes }
        : undefined
    case 'failed':
      return typeof id === 'number' && isString(value.error) && isStringList(value.exception)
        ? { id, type: 'failed', error: value.error, exception: value.exception }
        : undefined
    case 'validated':
      return typeof id === 'number' && isVerdict(value.verdict)
        ? { id, type: 'validated', verdict: value.verdict }
        : undefined
    case 'described':
      return typeof id === 'number' && isDescription(value.description)
        ? { id, type: 'described', description: value.description }
        : undefined
    case 'inspected':
      return typeof id === 'number' && isControlVerdict(value.verdict)
        ? { id, type: 'inspected', verdict: value.verdict }
        : undefined
    case 'controlled':
      return typeof id === 'number' && isControlOutcome(value.outcome)
        ? { id, type: 'controlled', outcome: value.outcome }
        : undefined
    case 'error':
      return (typeof id === 'number' || id === null || id === undefined) && isString(value.message)
        ? { id: typeof id === 'number' ? id : null, type: 'error', message: value.message }
        : undefined
    default:
      return undefined
  }
}
