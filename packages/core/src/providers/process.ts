import { spawn } from 'node:child_process'
import type { JsonValue } from '@steadystate/model'
import { ActivityFailedError, type ValidationIssue } from '../errors.ts'
import { pyStr } from '../python.ts'
import type { ProviderContext, ProviderType } from './types.ts'
import { which } from './which.ts'

/** Output beyond this many bytes per stream is dropped, with a note, to keep journals bounded. */
const MAX_STREAM_BYTES = 8 * 1024 * 1024
/** How long a process gets between SIGTERM and SIGKILL when it must stop. */
const KILL_GRACE_MS = 2_000

/**
 * The `process` provider: runs a program and returns `{status, stdout, stderr}`. A non-zero exit is
 * not a failure (tolerances judge it); a timeout or an interruption is. See docs/chaos-toolkit.md §1.
 */
export const processProvider: ProviderType = {
  type: 'process',

  async validate(provider, path, context) {
    const issues: ValidationIssue[] = []
    const program = provider.path
    if (typeof program !== 'string' || program === '') {
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
    if (args !== undefined && args !== null && typeof args !== 'string' && typeof args !== 'object') {
      issues.push({
        path: `${path}.arguments`,
        message: 'process arguments must be a list or a string',
        severity: 'error',
      })
    } else if (args !== null && typeof args === 'object' && !Array.isArray(args)) {
      issues.push({
        path: `${path}.arguments`,
        message: 'process arguments as a mapping are deprecated: use a list of strings',
        severity: 'warning',
      })
    }
    issues.push(...validateTimeout(provider.timeout, `${path}.timeout`))
    return issues
  },

  async run(provider, context) {
    const program = String(provider.path)
    const resolved = await which(program, context.env, context.cwd)
    if (resolved === undefined) {
      throw new ActivityFailedError(`path '${program}' cannot be found (PATH=${context.env.PATH ?? ''})`)
    }
    const { file, args, shell } = commandLine(resolved, provider.arguments)
    const timeoutSeconds = typeof provider.timeout === 'number' ? provider.timeout : undefined
    return runProcess(file, args, shell, timeoutSeconds, context)
  },

  describe(provider) {
    const args = provider.arguments
    const rendered = Array.isArray(args) ? args.map(pyStr).join(' ') : typeof args === 'string' ? args : ''
    return `process: ${String(provider.path)}${rendered === '' ? '' : ` ${rendered}`}`
  },
}

function validateTimeout(timeout: unknown, path: string): ValidationIssue[] {
  if (timeout === undefined || timeout === null) return []
  if (typeof timeout === 'number' && timeout > 0) return []
  return [{ path, message: 'process timeout must be a positive number of seconds', severity: 'error' }]
}

/** argv list → exec; string → `/bin/sh -c "<path> <args>"`; mapping (deprecated) → flattened pairs. */
export function commandLine(
  resolved: string,
  args: unknown,
): { file: string; args: string[]; shell: boolean } {
  if (typeof args === 'string') return { file: `${resolved} ${args}`, args: [], shell: true }
  if (Array.isArray(args)) {
    const argv = args.filter((arg) => arg !== null && arg !== undefined && arg !== '').map(pyStr)
    return { file: resolved, args: argv, shell: false }
  }
  if (args !== null && typeof args === 'object') {
    const argv = Object.entries(args).flatMap(([key, value]) => [key, pyStr(value)])
    return { file: resolved, args: argv, shell: false }
  }
  return { file: resolved, args: [], shell: false }
}

function runProcess(
  file: string,
  args: string[],
  shell: boolean,
  timeoutSeconds: number | undefined,
  context: ProviderContext,
): Promise<JsonValue> {
  return new Promise((resolvePromise, reject) => {
    // Own process group, so a timeout or interruption stops the whole tree (a shell and its children).
    const child = spawn(file, args, {
      shell,
      cwd: context.cwd,
      env: context.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    const stdout = collect(child.stdout)
    const stderr = collect(child.stderr)
    let stopReason: 'timeout' | 'interrupted' | undefined
    const stop = (reason: 'timeout' | 'interrupted'): void => {
      if (stopReason !== undefined || child.exitCode !== null) return
      stopReason = reason
      killGroup(child.pid, 'SIGTERM')
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS).unref()
    }
    const timer =
      timeoutSeconds === undefined ? undefined : setTimeout(() => stop('timeout'), timeoutSeconds * 1000)
    const onAbort = (): void => stop('interrupted')
    context.signal.addEventListener('abort', onAbort, { once: true })
    if (context.signal.aborted) onAbort()
    child.on('error', (error) => {
      cleanup()
      reject(new ActivityFailedError(`could not start '${file}': ${error.message}`, { cause: error }))
    })
    child.on('close', (code, signal) => {
      cleanup()
      if (stopReason === 'timeout') {
        reject(new ActivityFailedError('process activity took too long to complete'))
        return
      }
      if (stopReason === 'interrupted') {
        reject(new ActivityFailedError(`process stopped: ${abortReason(context.signal)}`))
        return
      }
      // Python reports death by signal N as a negative return code.
      const status = code ?? -signalNumber(signal)
      resolvePromise({ status, stdout: stdout.text(), stderr: stderr.text() })
    })
    function cleanup(): void {
      if (timer !== undefined) clearTimeout(timer)
      context.signal.removeEventListener('abort', onAbort)
    }
  })
}

export function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason
  if (reason instanceof Error) return reason.message
  return typeof reason === 'string' ? reason : 'the run was interrupted'
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, signal)
  } catch {
    // Already gone.
  }
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

function collect(stream: NodeJS.ReadableStream): { text(): string } {
  const chunks: Buffer[] = []
  let size = 0
  let dropped = 0
  stream.on('data', (chunk: Buffer) => {
    if (size + chunk.length > MAX_STREAM_BYTES) {
      dropped += chunk.length
      return
    }
    chunks.push(chunk)
    size += chunk.length
  })
  return {
    text: () => {
      const text = Buffer.concat(chunks).toString('utf8')
      return dropped === 0 ? text : `${text}\n[steadystate: ${dropped} more bytes of output were dropped]`
    },
  }
}
