import { isMalformed, type JsonObject, type JsonValue, type PythonProvider } from '@steadystate/model'
import type { SecretValues } from '../../config/secrets.ts'
import { ActivityFailedError, errorMessage, type ValidationIssue } from '../../errors.ts'
import { abortReason } from '../process.ts'
import type { ProviderContext, ValidationContext } from '../types.ts'
import { BridgeUnavailable, WorkerStopped, type PythonBridge } from './bridge.ts'
import { packageFor } from './extensions.ts'
import type { ValidateVerdict } from './protocol.ts'

/** The function a python provider calls, and its arguments. */
export interface PythonTarget {
  module: string
  func: string
  arguments: JsonObject
}

const error = (path: string, message: string): ValidationIssue => ({ path, message, severity: 'error' })

/**
 * Asks the worker what chaostoolkit-lib's validate_python_activity checks (module importable,
 * function there, arguments bind) and words the answer with the reference's messages, adding what
 * to install or where to put a module of one's own.
 */
export async function validateBridged(
  bridge: PythonBridge,
  target: PythonTarget,
  path: string,
  context: ValidationContext,
): Promise<ValidationIssue[]> {
  const notFound = `could not find Python module '${target.module}' in activity '${context.activityName}'`
  let verdict: ValidateVerdict
  try {
    const answer = await bridge.request({ type: 'validate', ...target }, context)
    if (answer.type !== 'validated')
      return [error(`${path}.module`, `${notFound}: ${describeAnswer(answer)}`)]
    verdict = answer.verdict
  } catch (problem) {
    const why =
      problem instanceof BridgeUnavailable ? unavailable(problem, target.module, context) : String(problem)
    return [error(`${path}.module`, `${notFound}: ${why}`)]
  }
  switch (verdict.kind) {
    case 'ok':
      return []
    case 'import-failed':
      return [error(`${path}.module`, `${notFound}: ${importProblem(verdict, target.module, context)}`)]
    case 'no-function':
      return [
        error(
          `${path}.func`,
          `The python module '${target.module}' does not expose a function called '${target.func}' in ${context.activityType} '${context.activityName}'`,
        ),
      ]
    case 'arguments':
      return [
        ...verdict.missing.map((name) =>
          error(`${path}.arguments`, `required argument '${name}' is missing from activity '${target.func}'`),
        ),
        ...verdict.unexpected.map((name) =>
          error(
            `${path}.arguments.${name}`,
            `argument '${name}' is not part of the function signature in activity '${target.func}'`,
          ),
        ),
      ]
  }
}

/** Says what to install, once per package in a validation (later activities point back to it). */
function installHint(module: string, context: { once?: ((key: string) => boolean) | undefined }): string {
  const name = packageFor(module)
  if (name === undefined)
    return 'if it is a module of your own, put its folder on PYTHONPATH (the working directory is not searched, as with chaos); otherwise install the package that provides it'
  const first = context.once?.(`pip install ${name}`) ?? true
  return first ? `pip install ${name}` : `${name} is needed (see its pip install above)`
}

/** Why there is no worker to import `module`, and what to do about it. */
export function unavailable(
  problem: BridgeUnavailable,
  module: string,
  context: { once?: ((key: string) => boolean) | undefined },
): string {
  const native = 'steadystate does not implement it natively'
  switch (problem.choice.kind) {
    case 'off':
      return `${native}, and the Python bridge is off (STEADYSTATE_PYTHON=none)`
    case 'missing':
      return `${native}, and ${problem.message}: install Python 3.8 or later, then ${installHint(module, context)}, and set STEADYSTATE_PYTHON to that python or activate its virtualenv`
    case 'found':
      return `${native}, and ${problem.message}`
  }
}

/** Why `module` did not import, with the `pip install` line of a well-known extension. */
export function importProblem(
  verdict: Extract<ValidateVerdict, { kind: 'import-failed' }>,
  module: string,
  context: { once?: ((key: string) => boolean) | undefined },
): string {
  const top = module.split('.')[0]
  const packageMissing =
    verdict.missing !== null && (verdict.missing === top || module.startsWith(`${verdict.missing}.`))
  if (packageMissing) return `Python cannot import it (${verdict.error}): ${installHint(module, context)}`
  const hint = packageFor(module)
  return `importing it failed (${verdict.error})${hint === undefined ? '' : `: ${installHint(module, context)}`}`
}

function describeAnswer(answer: { type: string; message?: string }): string {
  return answer.message ?? `the Python worker answered '${answer.type}'`
}

/**
 * Runs the function in the worker, as run_python_activity would: the worker injects
 * `configuration` and the listed `secrets` scopes when the function declares those parameters.
 */
export async function runBridged(
  bridge: PythonBridge,
  target: PythonTarget,
  declaredScopes: PythonProvider['secrets'],
  context: ProviderContext,
): Promise<JsonValue> {
  const scopes =
    declaredScopes === undefined
      ? null
      : isMalformed(declaredScopes)
        ? (declaredScopes.value ?? null)
        : declaredScopes
  const label = `${target.module}.${target.func}`
  let answer
  try {
    answer = await bridge.request(
      {
        type: 'call',
        ...target,
        configuration: context.configuration,
        scopes,
        secrets: scopedSecrets(scopes, context.secrets),
      },
      context,
    )
  } catch (problem) {
    if (problem instanceof WorkerStopped && context.signal.aborted) {
      const message = `stopped the Python worker running '${label}' and its processes (${abortReason(context.signal)}); the next Python activity starts a new one`
      context.log.warn(message)
      throw new ActivityFailedError(message, { cause: problem })
    }
    throw new ActivityFailedError(`could not run '${label}' in Python: ${errorMessage(problem)}`, {
      cause: problem,
    })
  }
  switch (answer.type) {
    case 'result':
      for (const note of answer.notes) context.log.warn(`the output of ${label} holds ${note}`)
      return answer.output
    case 'failed':
      throw new ActivityFailedError(answer.error, { traceback: answer.exception })
    case 'error':
      throw new ActivityFailedError(`the Python worker could not run '${label}': ${answer.message}`)
    case 'validated':
    case 'described':
    case 'inspected':
    case 'controlled':
      throw new ActivityFailedError(`the Python worker answered '${answer.type}' to a call of '${label}'`)
  }
}

/** The secrets of the scopes the provider lists, iterated as Python would (a string by characters). */
function scopedSecrets(declared: JsonValue, secrets: SecretValues): JsonObject {
  const names = typeof declared === 'string' ? Array.from(declared) : Array.isArray(declared) ? declared : []
  const out: JsonObject = {}
  for (const name of names) {
    const scope = typeof name === 'string' && Object.hasOwn(secrets, name) ? secrets[name] : undefined
    if (typeof name === 'string' && scope !== undefined) out[name] = scope
  }
  return out
}
