import { errorMessage } from '@steadystate/core'
import { EXIT_FAILED, exitCodeForSignal } from './exit-codes.ts'

/**
 * How the CLI answers SIGINT/SIGTERM. `run` is graceful: the first signal stops the experiment and
 * plays the rollbacks, the second is a reminder, the third writes the last journal checkpoint and
 * exits. Every other command has nothing to roll back, so it stops at the first signal, removing
 * any file it was half-way through writing, and exits 130 (SIGINT) or 143 (SIGTERM).
 */
export type InterruptMode = 'graceful' | 'immediate'

export interface SignalEffects {
  write: (text: string) => void
  exit: (code: number) => void
  removeFile: (path: string) => void
}

export interface SignalHandling {
  /** Aborted by the first signal in graceful mode. */
  signal: AbortSignal
  /** Registers the synchronous journal write of a forced exit; it returns the path it wrote, if any. */
  onForcedExit: (flush: () => string | undefined) => void
  /** Files being written (temporary files before their rename): removed before any forced exit. */
  temporaryFiles: Set<string>
  handle: (signal: NodeJS.Signals) => void
}

export function createSignalHandling(mode: InterruptMode, effects: SignalEffects): SignalHandling {
  const controller = new AbortController()
  const temporaryFiles = new Set<string>()
  let flush: (() => string | undefined) | undefined
  let received = 0
  const removeTemporaryFiles = (): void => {
    for (const path of temporaryFiles) {
      try {
        effects.removeFile(path)
      } catch {
        // Gone already (renamed into place, or never created).
      }
    }
  }
  const handle = (signal: NodeJS.Signals): void => {
    received++
    if (mode === 'immediate') {
      effects.write(`received ${signal}: stopping\n`)
      removeTemporaryFiles()
      effects.exit(exitCodeForSignal(signal))
      return
    }
    if (received === 1) {
      controller.abort(signal)
      return
    }
    if (received === 2) {
      effects.write(`received ${signal} again: rollbacks are still running; send it once more to exit now\n`)
      return
    }
    effects.write(
      `received ${signal} a third time: exiting without finishing the rollbacks; ${writeLastCheckpoint()}\n`,
    )
    removeTemporaryFiles()
    effects.exit(EXIT_FAILED)
  }
  /** Writes the checkpoint and says, truthfully, what is on disk now. */
  const writeLastCheckpoint = (): string => {
    if (flush === undefined) return 'no journal was written: the run had not started'
    try {
      const written = flush()
      return written === undefined
        ? 'no journal was written: the run had not reached its first checkpoint'
        : `the last journal checkpoint is in ${written} (the rollbacks may not have run)`
    } catch (error) {
      return `the last journal checkpoint could not be written: ${errorMessage(error)}`
    }
  }
  return {
    signal: controller.signal,
    onForcedExit: (callback) => {
      flush = callback
    },
    temporaryFiles,
    handle,
  }
}
