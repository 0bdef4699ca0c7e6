import type { Environment } from '../../config/configuration.ts'
import type { ActivityLog } from '../types.ts'
import { SteadystateError, errorMessage } from '../../errors.ts'
import { chooseInterpreter, describeChoice, type InterpreterChoice } from './interpreter.ts'
import {
  parseWorkerMessage,
  PROTOCOL_VERSION,
  type PythonDescription,
  type WorkerAnswer,
  type WorkerMessage,
  type WorkerRequest,
} from './protocol.ts'
import { WorkerProcess } from './worker-process.ts'

/** Why there is no worker to ask: said in validation messages and activity errors. */
export class BridgeUnavailable extends SteadystateError {
  constructor(
    message: string,
    readonly choice: InterpreterChoice,
  ) {
    super('PYTHON_UNAVAILABLE', message)
    this.name = 'BridgeUnavailable'
  }
}

/** The worker stopped (killed at a timeout or interruption, or it died) before it answered. */
export class WorkerStopped extends SteadystateError {
  constructor(message: string) {
    super('PYTHON_WORKER_STOPPED', message)
    this.name = 'WorkerStopped'
  }
}

/** A request without its id: the bridge numbers them. */
export type BridgeRequest = WorkerRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never

interface Pending {
  resolve: (answer: WorkerAnswer) => void
  reject: (error: Error) => void
  log: ActivityLog | undefined
}

interface Running {
  process: WorkerProcess
  python: string
  executable: string
  chaoslib: string | null
}

/** How long a worker may take to say it is ready (a cold interpreter on a slow disk). */
const START_TIMEOUT_MS = 60_000

/**
 * One Python worker for one run: started on first use (with that use's environment and working
 * directory), shared by every bridged activity and validation, stopped at the end. A worker killed
 * because a call could not be cancelled (timeout, interruption) is replaced on the next use.
 */
export class PythonBridge {
  private starting: Promise<Running> | undefined
  private choice: InterpreterChoice | undefined
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  /** Where the worker's stderr goes: the log of the latest call, so prints land near their activity. */
  private lastLog: ActivityLog | undefined
  private worker: WorkerProcess | undefined
  private announcement: string | undefined
  private launches = 0

  /** The interpreter the bridge uses (or would use) in this environment. */
  async interpreter(env: Environment, cwd: string): Promise<InterpreterChoice> {
    this.choice ??= await chooseInterpreter(env, cwd)
    return this.choice
  }

  /** Sends a request and waits for its answer; `signal` kills the worker (a call cannot be cancelled). */
  async request(
    request: BridgeRequest,
    context: { env: Environment; cwd: string; signal?: AbortSignal; log?: ActivityLog },
  ): Promise<WorkerAnswer> {
    const running = await this.start(context.env, context.cwd, context.log)
    if (context.log !== undefined && this.announcement !== undefined) {
      context.log.info(this.announcement)
      this.announcement = undefined
    }
    const id = this.nextId++
    if (context.log !== undefined) this.lastLog = context.log
    const answer = new Promise<WorkerAnswer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, log: context.log })
    })
    running.process.hold(true)
    const onAbort = (): void => void running.process.kill()
    context.signal?.addEventListener('abort', onAbort, { once: true })
    if (context.signal?.aborted === true) onAbort()
    else running.process.send({ ...request, id })
    try {
      return await answer
    } finally {
      context.signal?.removeEventListener('abort', onAbort)
      this.pending.delete(id)
      if (this.pending.size === 0 && running.process.running) running.process.hold(false)
    }
  }

  /** What `discover` shows: the interpreter, and what the worker found in it (or why it could not start). */
  async describe(
    env: Environment,
    cwd: string,
  ): Promise<{ interpreter: string; description?: PythonDescription; problem?: string }> {
    const interpreter = describeChoice(await this.interpreter(env, cwd))
    try {
      const answer = await this.request({ type: 'describe' }, { env, cwd })
      if (answer.type === 'described') return { interpreter, description: answer.description }
      return { interpreter, problem: `the Python worker answered '${answer.type}'` }
    } catch (error) {
      return { interpreter, problem: errorMessage(error) }
    }
  }

  /**
   * Which worker answers now: it changes each time a new one starts (after one was killed at a
   * timeout or interruption), so what a worker was told (the controls' run) can be told again.
   */
  get generation(): number {
    return this.launches
  }

  /** Whether a worker is running now (tests check that native-only runs start none). */
  get started(): boolean {
    return this.starting !== undefined
  }

  /** Ends the worker: closes its input, kills what is left of its process group. */
  async close(): Promise<void> {
    const starting = this.starting
    this.starting = undefined
    if (starting === undefined) return
    try {
      await (await starting).process.close()
    } catch {
      // It never started: nothing to stop.
    }
  }

  private start(env: Environment, cwd: string, log: ActivityLog | undefined): Promise<Running> {
    // A failed start is kept: every activity of the run gets the same reason, without new attempts.
    this.starting ??= this.launch(env, cwd, log)
    return this.starting
  }

  private async launch(env: Environment, cwd: string, log: ActivityLog | undefined): Promise<Running> {
    this.launches++
    const choice = await this.interpreter(env, cwd)
    if (choice.kind !== 'found') throw new BridgeUnavailable(describeChoice(choice), choice)
    const started = Date.now()
    const stderrTail: string[] = []
    let announce: (message: WorkerMessage | { type: 'exited'; note: string }) => void = () => undefined
    const first = new Promise<WorkerMessage | { type: 'exited'; note: string }>(
      (resolve) => (announce = resolve),
    )
    let process: WorkerProcess
    try {
      process = await WorkerProcess.start(choice.path, cwd, env, {
        onLine: (line) => {
          const message = parseWorkerMessage(line)
          if (message === undefined)
            this.failAll(
              new WorkerStopped(`the Python worker wrote a line outside its protocol: ${line.slice(0, 200)}`),
            )
          else if (message.type === 'ready' || message.type === 'unsupported') announce(message)
          else this.settle(message)
        },
        onStderr: (line) => {
          stderrTail.push(line)
          if (stderrTail.length > 20) stderrTail.shift()
          this.forwardStderr(line, log)
        },
        onExit: (code, signal) => {
          const note = signal === null ? `exit code ${String(code)}` : `signal ${signal}`
          announce({ type: 'exited', note })
          // The next request starts a new worker.
          if (this.worker === process) {
            this.worker = undefined
            this.starting = undefined
          }
          this.failAll(new WorkerStopped(`the Python worker (${choice.path}) stopped (${note})`))
        },
      })
    } catch (error) {
      throw new BridgeUnavailable(`could not start ${choice.path}: ${errorMessage(error)}`, choice)
    }
    const message = await firstOf(first, START_TIMEOUT_MS)
    const refuse = (why: string): BridgeUnavailable => {
      void process.kill()
      const tail = stderrTail.length === 0 ? '' : `: ${stderrTail.slice(-5).join(' | ')}`
      return new BridgeUnavailable(`${choice.path} ${why}${tail}`, choice)
    }
    switch (message.type) {
      case 'timeout':
        throw refuse(`did not start the Python worker within ${START_TIMEOUT_MS / 1000} s`)
      case 'exited':
        throw refuse(`could not run the Python worker (${message.note})`)
      case 'unsupported':
        throw refuse(`is Python ${message.python}; the bridge needs Python 3.8 or later`)
      case 'ready':
        if (message.protocol !== PROTOCOL_VERSION) throw refuse(`speaks protocol ${message.protocol}`)
        break
      case 'result':
      case 'failed':
      case 'validated':
      case 'described':
      case 'inspected':
      case 'controlled':
      case 'error':
        throw refuse('answered before it was ready')
    }
    this.worker = process
    process.hold(false)
    const what = `${message.executable} (Python ${message.python}, ${
      message.chaoslib === null ? 'without chaostoolkit-lib' : `chaostoolkit-lib ${message.chaoslib}`
    }), pid ${message.pid}`
    // Said in the log of the first activity that uses it (validation, which may start it, has no log).
    this.announcement = `Python worker started in ${Date.now() - started} ms: ${what}`
    return { process, python: message.python, executable: message.executable, chaoslib: message.chaoslib }
  }

  private settle(answer: WorkerAnswer): void {
    if (answer.id === null) {
      this.failAll(
        new WorkerStopped(`the Python worker reported: ${answer.type === 'error' ? answer.message : ''}`),
      )
      return
    }
    const pending = this.pending.get(answer.id)
    // The worker flushed the call's prints to stderr before answering; one more turn of the event
    // loop lets them reach the log before the activity's end does.
    if (pending !== undefined) setImmediate(() => pending.resolve(answer))
  }

  private failAll(error: Error): void {
    for (const entry of this.pending.values()) entry.reject(error)
    this.pending.clear()
  }

  /** Logging records come as `LEVEL name: message`; warnings and errors show as warnings. */
  private forwardStderr(line: string, startLog: ActivityLog | undefined): void {
    const log = this.lastLog ?? startLog
    if (log === undefined || line.trim() === '') return
    if (/^(WARNING|ERROR|CRITICAL) /.test(line)) log.warn(`python: ${line}`)
    else log.info(`python: ${line}`)
  }
}

/** The first message, or `timeout` if none came in time. */
async function firstOf<T>(message: Promise<T>, ms: number): Promise<T | { type: 'timeout' }> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<{ type: 'timeout' }>((resolve) => {
    timer = setTimeout(() => resolve({ type: 'timeout' }), ms)
  })
  try {
    return await Promise.race([message, timeout])
  } finally {
    clearTimeout(timer)
  }
}
