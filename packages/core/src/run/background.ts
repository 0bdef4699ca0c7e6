import { errorMessage } from '../errors.ts'
import { PAUSE_PROGRESS_SECONDS } from './pause.ts'
import type { RunState } from './run-state.ts'

/**
 * The longest the end of a run waits for work activities left running (recovery measurements after
 * a kill). Each task has its own, usually shorter, deadline; this one holds whatever a task does.
 */
export const BACKGROUND_DEADLINE_SECONDS = 600
/** After a task is told to stop, how long it gets to record what it measured. */
const STOP_GRACE_MS = 5_000

/** Work an activity left running (see `ProviderContext.defer`). */
export interface BackgroundTask {
  label: string
  promise: Promise<void>
  settled: boolean
  /** Aborts the task's signal: it should end soon and record what it has. */
  stop: (reason: unknown) => void
}

/** Starts deferred work with a signal of its own (aborted by the run's interruption, or by `stop`). */
export function startBackgroundTask(
  state: RunState,
  label: string,
  task: (signal: AbortSignal) => Promise<void>,
): BackgroundTask {
  const controller = new AbortController()
  const stop = (reason: unknown): void => controller.abort(reason)
  const onInterrupt = (): void => stop(state.interrupt.reason)
  if (state.interrupt.aborted) onInterrupt()
  else state.interrupt.addEventListener('abort', onInterrupt, { once: true })
  const entry: BackgroundTask = { label, promise: Promise.resolve(), settled: false, stop }
  entry.promise = task(controller.signal)
    .catch((error: unknown) => {
      const message = `${label}: ${errorMessage(error)}`
      state.emit({ type: 'warning', message })
    })
    .finally(() => {
      entry.settled = true
      state.interrupt.removeEventListener('abort', onInterrupt)
    })
  return entry
}

/**
 * Waits for the background tasks still running, saying what it waits for every
 * PAUSE_PROGRESS_SECONDS; an interruption stops them (through their signal). Past `deadlineMs`
 * they are told to stop, and after a short grace the run ends without them: waiting never outlasts
 * the deadline, whatever a task does.
 */
export async function settleBackground(
  state: RunState,
  deadlineMs = BACKGROUND_DEADLINE_SECONDS * 1000,
  stopGraceMs = STOP_GRACE_MS,
): Promise<void> {
  const pending = state.deferred.splice(0).filter((task) => !task.settled)
  if (pending.length === 0) return
  state.currentPhase = 'waiting for background work'
  const describe = (tasks: BackgroundTask[]): string => tasks.map((task) => task.label).join(', ')
  state.emit({
    type: 'info',
    message: `waiting for ${pending.length} background task(s) to finish: ${describe(pending)}`,
  })
  const started = Date.now()
  const progress = setInterval(() => {
    const running = pending.filter((task) => !task.settled)
    state.emit({
      type: 'info',
      message: `still waiting for ${describe(running)} (${Math.round((Date.now() - started) / 1000)} s)`,
    })
  }, PAUSE_PROGRESS_SECONDS * 1000)
  try {
    if (await settledWithin(pending, deadlineMs)) return
    const running = pending.filter((task) => !task.settled)
    state.emit({
      type: 'warning',
      message: `${describe(running)} still running after ${Math.round(deadlineMs / 1000)} s; stopping it`,
    })
    for (const task of running)
      task.stop(new DOMException(`background deadline of ${deadlineMs} ms passed`, 'TimeoutError'))
    if (await settledWithin(running, stopGraceMs)) return
    state.emit({
      type: 'warning',
      message: `${describe(running.filter((task) => !task.settled))} did not stop; the journal is written without its result`,
    })
  } finally {
    clearInterval(progress)
  }
}

/** True when every task settled within `ms`. */
async function settledWithin(tasks: BackgroundTask[], ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms)
  })
  try {
    return await Promise.race([Promise.all(tasks.map((task) => task.promise)).then(() => true), timeout])
  } finally {
    clearTimeout(timer)
  }
}
