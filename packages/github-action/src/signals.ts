import { errorMessage } from '@steadystate/core'

/**
 * Cancellation as the runner does it: SIGINT to the action's process, SIGTERM 7.5 s later, a kill of
 * the whole process tree 2.5 s after that.
 * - First signal: abort the run. The engine stops the current activity (its process tree too), skips
 *   the rest, runs the rollbacks and the journal says `interrupted`; for a quick rollback that is all
 *   done within the 7.5 s.
 * - Second signal (the runner's SIGTERM): the kill is 2.5 s away. The rollbacks go on; the journal on
 *   disk already says which are still pending (its checkpoints are written as they run), so if the
 *   kill comes first, the post step plays them.
 * - Third signal (only a person sends one): write the journal as it stands and exit.
 */
export interface Cancellation {
  signal: AbortSignal
  /** Registers the synchronous journal write for the third signal (returns the path written). */
  onForcedExit: (flush: () => string | undefined) => void
  /** Removes the handlers (the post step reuses none of them). */
  dispose: () => void
}

export function trapCancellation(log: (message: string) => void): Cancellation {
  const controller = new AbortController()
  let received = 0
  let flush: (() => string | undefined) | undefined
  /** Writes the checkpoint; says truthfully what is on disk. */
  const flushQuietly = (): string => {
    try {
      const written = flush?.()
      return written === undefined
        ? 'no journal checkpoint exists yet'
        : `the last journal checkpoint is in ${written}`
    } catch (error) {
      return `the journal checkpoint could not be written: ${errorMessage(error)}`
    }
  }
  const onSignal = (signal: NodeJS.Signals): void => {
    received++
    if (received === 1) {
      log(`received ${signal}: the job is being cancelled; stopping the experiment and rolling back`)
      controller.abort(signal)
      return
    }
    if (received === 2) {
      log(
        `received ${signal}: the runner will kill this step in a moment; if the rollbacks do not ` +
          'finish first, the journal says which are pending and the post step plays them',
      )
      return
    }
    const onDisk = flushQuietly()
    log(`received ${signal} a third time: exiting without finishing the rollbacks; ${onDisk}`)
    process.exit(1)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    signal: controller.signal,
    onForcedExit: (callback) => {
      flush = callback
    },
    dispose: () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}
