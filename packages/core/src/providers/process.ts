import { isJsonObject, isMalformed, type JsonValue, type ProcessProvider } from '@steadystate/model'
import { ActivityFailedError, type ValidationIssue } from '../errors.ts'
import { pyStr } from '../python.ts'
import type { ProviderContext, ProviderType } from './types.ts'
import { which } from './which.ts'
import { superviseProcess, type Stopped } from './process-run.ts'
import { describeProcesses } from './process-tree.ts'
import { describeDuration } from '../timers.ts'
import { valueText } from '../text/value-text.ts'

/**
 * The `process` provider: runs a program and returns `{status, stdout, stderr}`. A non-zero exit is
 * not a failure (tolerances judge it); a timeout or an interruption is. See docs/chaos-toolkit.md §1.
 */
export const processProvider: ProviderType<ProcessProvider> = {
  type: 'process',

  async validate(provider, path, context) {
    const issues: ValidationIssue[] = []
    const program = provider.path
    if (isMalformed(program) || program === '') {
      issues.push({ path: `${path}.path`, message: 'a process activity must have a path', severity: 'error' })
      return issues
    }
    if ((await which(program, context.env, context.cwd)) === undefined) {
      issues.push({
        path: `${path}.path`,
        message: `path '${program}' cannot be found, in activity '${context.activityName}'`,
        severity: 'error',
      })
    }
    const args = provider.arguments
    if (isMalformed(args)) {
      issues.push({
        path: `${path}.arguments`,
        message: 'process arguments must be a list or a string',
        severity: 'error',
      })
    } else if (isJsonObject(args)) {
      issues.push({
        path: `${path}.arguments`,
        message: 'process arguments as a mapping are deprecated: use a list of strings',
        severity: 'warning',
      })
    }
    if (isMalformed(provider.timeout))
      issues.push({
        path: `${path}.timeout`,
        message: timeoutProblem(provider.timeout.value),
        severity: 'error',
      })
    return issues
  },

  async run(provider, context) {
    const program = isMalformed(provider.path) ? valueText(provider.path.value) : provider.path
    const resolved = await which(program, context.env, context.cwd)
    if (resolved === undefined) {
      throw new ActivityFailedError(`path '${program}' cannot be found (PATH=${context.env.PATH ?? ''})`)
    }
    const { file, args, shell } = commandLine(resolved, provider.arguments)
    const timeout = provider.timeout
    // Checked again here for runs with --no-validation: a bad timeout must not fire at once.
    if (isMalformed(timeout)) throw new ActivityFailedError(timeoutProblem(timeout.value))
    return runProcess(file, args, shell, timeout, context)
  },

  describe(provider) {
    const args = provider.arguments
    const rendered = Array.isArray(args) ? args.map(pyStr).join(' ') : typeof args === 'string' ? args : ''
    const program = isMalformed(provider.path) ? valueText(provider.path.value) : provider.path
    return `process: ${program}${rendered === '' ? '' : ` ${rendered}`}`
  },
}

function timeoutProblem(timeout: JsonValue | undefined): string {
  return `process timeout must be a positive, finite number of seconds (got ${describeDuration(timeout)})`
}

/** argv list → exec; string → `/bin/sh -c "<path> <args>"`; mapping (deprecated) → flattened pairs. */
export function commandLine(
  resolved: string,
  args: ProcessProvider['arguments'],
): { file: string; args: string[]; shell: boolean } {
  if (typeof args === 'string') return { file: `${resolved} ${args}`, args: [], shell: true }
  if (Array.isArray(args)) return { file: resolved, args: argv(args), shell: false }
  if (args !== undefined && !isMalformed(args)) {
    // The mapping is flattened first, then filtered: an empty key or value goes, its partner stays.
    return { file: resolved, args: argv(Object.entries(args).flat()), shell: false }
  }
  return { file: resolved, args: [], shell: false }
}

/** The reference drops `null` and `""` items (not `0` or `false`), and passes the rest as `str()`. */
function argv(items: readonly JsonValue[]): string[] {
  return items.filter((item) => item !== null && item !== '').map(pyStr)
}

async function runProcess(
  file: string,
  args: string[],
  shell: boolean,
  timeoutSeconds: number | undefined,
  context: ProviderContext,
): Promise<JsonValue> {
  const outcome = await superviseProcess({
    file,
    args,
    shell,
    cwd: context.cwd,
    env: context.env,
    timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
    signal: context.signal,
  })
  switch (outcome.kind) {
    case 'not-started':
      throw new ActivityFailedError(`could not start '${file}': ${outcome.error.message}`, {
        cause: outcome.error,
      })
    case 'stopped': {
      const { stopped } = outcome
      const detail = describeStop(stopped, timeoutSeconds, context.signal)
      context.log.warn(detail)
      const message =
        stopped.reason === 'timeout'
          ? // The reference's message, word for word; what was stopped goes to the cause.
            'process activity took too long to complete'
          : `process stopped: ${abortReason(context.signal)}`
      throw new ActivityFailedError(message, { cause: new Error(detail) })
    }
    case 'exited': {
      if (outcome.outputHeld) {
        const who = outcome.holders.length === 0 ? 'a process' : describeProcesses(outcome.holders)
        context.log.warn(
          `the process exited, but ${who} it started still hold(s) its output open; ` +
            `not waiting for them (left running), the output is what was read until then`,
        )
      }
      // Python reports death by signal N as a negative return code.
      const status = outcome.code ?? -signalNumber(outcome.signal)
      return { status, stdout: outcome.stdout, stderr: outcome.stderr }
    }
  }
}

/** What was stopped and how, for the log and the journal's exception. */
function describeStop(stopped: Stopped, timeoutSeconds: number | undefined, signal: AbortSignal): string {
  const why =
    stopped.reason === 'timeout'
      ? `it was still running at its timeout of ${String(timeoutSeconds)} s`
      : `it was stopped (${abortReason(signal)})`
  const parts = [`${why}; stopped its process group`]
  if (stopped.descendants.length > 0)
    parts.push(`and ${stopped.descendants.length} descendant(s): ${describeProcesses(stopped.descendants)}`)
  if (stopped.holders.length > 0)
    parts.push(`; killed ${describeProcesses(stopped.holders)}, still holding its output after it exited`)
  if (stopped.unkillable) parts.push('; it did not exit even after SIGKILL and may still be running')
  return parts.join(' ')
}

export function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason
  if (reason instanceof Error) return reason.message
  return typeof reason === 'string' ? reason : 'the run was interrupted'
}

function signalNumber(signal: NodeJS.Signals | null): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = {
    SIGHUP: 1,
    SIGINT: 2,
    SIGKILL: 9,
    SIGTERM: 15,
    SIGSEGV: 11,
    SIGABRT: 6,
  }
  return signal === null ? 1 : (numbers[signal] ?? 1)
}
