import { spawn } from 'node:child_process'
import type { Readable } from 'node:stream'
import { setLongTimeout, type LongTimer } from '../timers.ts'
import { decodeProcessOutput } from './process-output.ts'
import { channelHolders, descendantsOf, outputChannels, signalAll, type ProcessInfo } from './process-tree.ts'

/** How long a process gets between SIGTERM and SIGKILL when it must stop. */
export const KILL_GRACE_MS = 2_000
/** After the process exited, how long its output may take to reach end-of-file. */
export const OUTPUT_DRAIN_MS = 1_000
/** After SIGKILL, how long to wait for the exit before giving up on the process. */
const EXIT_AFTER_KILL_MS = 2_000
/** Output beyond this many bytes per stream is dropped, with a note, to keep journals bounded. */
const MAX_STREAM_BYTES = 8 * 1024 * 1024

export interface ProcessSpec {
  file: string
  args: string[]
  shell: boolean
  cwd: string
  env: NodeJS.ProcessEnv
  /** The provider's `timeout`, in milliseconds; any length works. */
  timeoutMs: number | undefined
  /** The activity's deadline or the run's interruption. */
  signal: AbortSignal
}

/** Why a process was stopped, and what else had to be stopped with it. */
export interface Stopped {
  reason: 'timeout' | 'interrupted'
  /** Descendants signalled along with the process group (some may have left it with setsid). */
  descendants: ProcessInfo[]
  /** Background processes that still held its output after it exited; they were killed. */
  holders: ProcessInfo[]
  /** The process did not exit even after SIGKILL (e.g. stuck in the kernel). */
  unkillable: boolean
}

export type ProcessOutcome =
  | {
      kind: 'exited'
      code: number | null
      signal: NodeJS.Signals | null
      stdout: string
      stderr: string
      /** Its output was still open OUTPUT_DRAIN_MS after it exited: something it started holds it. */
      outputHeld: boolean
      /** Those background processes, when they can be found (Linux); left running. */
      holders: ProcessInfo[]
    }
  | { kind: 'stopped'; stopped: Stopped }
  | { kind: 'not-started'; error: Error }

/**
 * Runs a process in its own process group and settles when it has exited and its output is read,
 * whatever its descendants do. The reference (`subprocess.run`) reads until end-of-file, so a
 * daemon that inherited stdout keeps it waiting forever, and past a timeout it kills only the
 * process itself. Here:
 * - after the process exits, its output gets OUTPUT_DRAIN_MS to reach end-of-file; whoever still
 *   holds it then is named and left running, and the activity ends with what was read;
 * - on timeout or interruption the whole tree gets SIGTERM (process group and every descendant,
 *   also those that called setsid), SIGKILL after KILL_GRACE_MS, and processes still holding the
 *   output once it exited are killed: a deadline always ends the activity.
 */
export function superviseProcess(spec: ProcessSpec): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    const child = spawn(spec.file, spec.args, {
      shell: spec.shell,
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    // Named now, while the process surely holds them: after it exits, whoever still does is a leftover.
    const channels = outputChannels(child.pid)
    const stdout = collect(child.stdout)
    const stderr = collect(child.stderr)
    const timers: LongTimer[] = []
    const later = (ms: number, callback: () => void): void => {
      timers.push(setLongTimeout(callback, ms))
    }
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined
    let stopped: Stopped | undefined
    let finished = false

    const finish = async (end: 'closed' | 'held' | 'unkillable' | Error): Promise<void> => {
      if (finished) return
      finished = true
      for (const timer of timers) timer.clear()
      spec.signal.removeEventListener('abort', onAbort)
      child.stdout?.destroy()
      child.stderr?.destroy()
      if (end instanceof Error) {
        resolve({ kind: 'not-started', error: end })
        return
      }
      if (end === 'unkillable') child.unref()
      const holders = end === 'held' ? await channelHolders(await channels) : []
      if (stopped !== undefined) {
        signalAll(
          undefined,
          holders.map((holder) => holder.pid),
          'SIGKILL',
        )
        resolve({ kind: 'stopped', stopped: { ...stopped, holders, unkillable: end === 'unkillable' } })
        return
      }
      const status = exit ?? { code: null, signal: null }
      resolve({
        kind: 'exited',
        ...status,
        stdout: stdout.text(),
        stderr: stderr.text(),
        outputHeld: end === 'held',
        holders,
      })
    }

    const stop = (reason: Stopped['reason']): void => {
      if (stopped !== undefined || exit !== undefined || finished) return
      const current: Stopped = { reason, descendants: [], holders: [], unkillable: false }
      stopped = current
      const pid = child.pid
      // Found before signalling: once their parent is gone, descendants are no longer linked to it.
      void (pid === undefined ? Promise.resolve([]) : descendantsOf(pid)).then((found) => {
        current.descendants = found
        signalAll(
          pid,
          found.map((p) => p.pid),
          'SIGTERM',
        )
      })
      later(KILL_GRACE_MS, () =>
        signalAll(
          pid,
          current.descendants.map((p) => p.pid),
          'SIGKILL',
        ),
      )
      later(KILL_GRACE_MS + EXIT_AFTER_KILL_MS, () => void finish('unkillable'))
    }
    const onAbort = (): void => stop('interrupted')

    if (spec.timeoutMs !== undefined) later(spec.timeoutMs, () => stop('timeout'))
    spec.signal.addEventListener('abort', onAbort, { once: true })
    if (spec.signal.aborted) onAbort()
    child.on('error', (error) => void finish(error))
    child.on('exit', (code, signal) => {
      exit = { code, signal }
      later(OUTPUT_DRAIN_MS, () => void finish('held'))
    })
    // 'close' comes once the process exited and both pipes reached end-of-file.
    child.on('close', () => void finish('closed'))
  })
}

function collect(stream: Readable | null): { text(): string } {
  const chunks: Buffer[] = []
  let size = 0
  let dropped = 0
  stream?.on('data', (chunk: Buffer) => {
    if (size + chunk.length > MAX_STREAM_BYTES) {
      dropped += chunk.length
      return
    }
    chunks.push(chunk)
    size += chunk.length
  })
  return {
    text: () => {
      const text = decodeProcessOutput(Buffer.concat(chunks))
      return dropped === 0 ? text : `${text}\n[steadystate: ${dropped} more bytes of output were dropped]`
    },
  }
}
