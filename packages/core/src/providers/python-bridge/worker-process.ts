import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import type { Environment } from '../../config/configuration.ts'
import { descendantsOf, signalAll } from '../process-tree.ts'
import { BOOTSTRAP, workerPayload } from './worker-source.ts'

/** How long the worker gets between SIGTERM and SIGKILL, and to leave after its input closes. */
const GRACE_MS = 2_000

/** Process groups of live workers: killed synchronously if steadystate itself exits first. */
const liveGroups = new Set<number>()
let exitHookInstalled = false

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch {
    // Already gone.
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const pid of liveGroups) signalGroup(pid, 'SIGKILL')
  })
}

export interface WorkerHandlers {
  /** One line of the protocol output (stdout), without its newline. */
  onLine(line: string): void
  /** One line the worker wrote to stderr: the functions' prints and logging. */
  onStderr(line: string): void
  onExit(code: number | null, signal: NodeJS.Signals | null): void
}

/**
 * The worker's operating-system process: its own process group (so that stopping it stops what the
 * functions started too), JSON lines in and out, stderr line by line. Idle, it does not keep
 * steadystate's event loop alive; its input closing (steadystate exiting) ends it.
 */
export class WorkerProcess {
  readonly pid: number
  private readonly child: ChildProcess
  private readonly exited: Promise<void>
  private alive = true

  private constructor(child: ChildProcess, pid: number, handlers: WorkerHandlers) {
    this.child = child
    this.pid = pid
    liveGroups.add(pid)
    installExitHook()
    const { stdout, stderr, stdin } = child
    if (stdout === null || stderr === null || stdin === null) throw new Error('the worker has no pipes')
    createInterface({ input: stdout, crlfDelay: Infinity }).on('line', (line) => handlers.onLine(line))
    createInterface({ input: stderr, crlfDelay: Infinity }).on('line', (line) => handlers.onStderr(line))
    // A worker that died makes writes fail with EPIPE; its exit is reported through onExit.
    stdin.on('error', () => undefined)
    this.exited = new Promise((resolve) => {
      child.on('close', (code, signal) => {
        this.alive = false
        liveGroups.delete(pid)
        // Whatever the functions left running in the worker's group goes with it.
        signalGroup(pid, 'SIGKILL')
        handlers.onExit(code, signal)
        resolve()
      })
    })
  }

  /** Starts `python -u -c BOOTSTRAP` in `cwd` and sends it the worker's code. */
  static start(
    interpreter: string,
    cwd: string,
    env: Environment,
    handlers: WorkerHandlers,
  ): Promise<WorkerProcess> {
    return new Promise((resolve, reject) => {
      const child = spawn(interpreter, ['-u', '-c', BOOTSTRAP], {
        cwd,
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
      })
      child.once('error', reject)
      child.once('spawn', () => {
        if (child.pid === undefined) {
          reject(new Error(`could not start ${interpreter}`))
          return
        }
        const worker = new WorkerProcess(child, child.pid, handlers)
        child.stdin?.write(workerPayload())
        resolve(worker)
      })
    })
  }

  get running(): boolean {
    return this.alive
  }

  send(message: unknown): void {
    if (this.alive) this.child.stdin?.write(`${JSON.stringify(message)}\n`)
  }

  /** Keeps steadystate running while a request is pending; lets it exit while the worker idles. */
  hold(busy: boolean): void {
    for (const handle of [this.child, this.child.stdout, this.child.stderr, this.child.stdin]) {
      if (handle === null) continue
      const refable = handle as { ref?: () => void; unref?: () => void }
      if (busy) refable.ref?.()
      else refable.unref?.()
    }
  }

  /**
   * Stops the worker and everything it started: its process group, and the descendants that left the
   * group (a daemon, `setsid`), found before the signal while they are still linked to the worker.
   * SIGTERM, then SIGKILL to what is left after a grace.
   */
  async kill(): Promise<void> {
    if (!this.alive) return this.exited
    const strays = (await descendantsOf(this.pid)).map((found) => found.pid)
    signalAll(this.pid, strays, 'SIGTERM')
    const timer = setTimeout(() => signalAll(this.pid, strays, 'SIGKILL'), GRACE_MS)
    await this.exited
    clearTimeout(timer)
    // The worker went at SIGTERM; a stray that ignores it must not outlive the run.
    if (strays.length > 0) await endOrKill(strays, GRACE_MS)
  }

  /** Closes the worker's input (it exits by itself), then kills what is left after a grace. */
  async close(): Promise<void> {
    if (!this.alive) return this.exited
    this.hold(true)
    this.child.stdin?.end()
    const timer = setTimeout(() => void this.kill(), GRACE_MS)
    await this.exited
    clearTimeout(timer)
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Waits up to `ms` for `pids` to end, then SIGKILLs the ones still there. */
async function endOrKill(pids: readonly number[], ms: number): Promise<void> {
  for (const started = Date.now(); Date.now() - started < ms;) {
    if (!pids.some(alive)) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  signalAll(undefined, pids, 'SIGKILL')
}
