import { abandonedJournal, describeFileError, writeJournal, writeJournalSync } from '@steadystate/core'
import type { Journal } from '@steadystate/model'

/**
 * Every write of one run's journal, in order: checkpoints while the run is in progress (one at a
 * time, the latest wins), then the final journal, after which checkpoints are ignored. A failed
 * checkpoint is said once (and again when a later one succeeds), never swallowed; the run goes on.
 * `writeForExit` is the synchronous last write before a forced exit.
 */
export class JournalWriter {
  private latest: Journal | undefined
  private writing: Promise<void> = Promise.resolve()
  private queued = false
  private final = false
  private failing = false

  constructor(
    private readonly path: string,
    private readonly warn: (message: string) => void,
  ) {}

  /** The last checkpoint handed in (what a killed run leaves on disk, give or take a write). */
  get lastCheckpoint(): Journal | undefined {
    return this.final ? undefined : this.latest
  }

  /** Resolves once this checkpoint (or a later one) is on disk; rejects if that write failed. */
  checkpoint(journal: Journal): Promise<void> {
    if (this.final) return Promise.resolve()
    this.latest = journal
    if (!this.queued) {
      this.queued = true
      this.writing = this.writing
        .catch(() => undefined)
        .then(async () => {
          this.queued = false
          const current = this.latest
          if (current === undefined || this.final) return
          await this.write(current)
        })
    }
    const written = this.writing
    // Callers that do not wait must not see an unhandled rejection: the failure is logged.
    written.catch(() => undefined)
    return written
  }

  /** The journal that carries the outcome; no checkpoint is written after it. */
  async writeFinal(journal: Journal): Promise<void> {
    this.final = true
    this.latest = journal
    await this.writing.catch(() => undefined)
    await writeJournal(this.path, journal)
  }

  /**
   * Before a forced exit: the last checkpoint, marked as abandoned (status `interrupted`, still
   * unfinished, its pending rollbacks said), or the final journal if it was being written.
   */
  /** The path written, or undefined when no checkpoint exists yet (nothing is written then). */
  writeForExit(why: string): string | undefined {
    if (this.latest === undefined) return undefined
    writeJournalSync(this.path, this.final ? this.latest : abandonedJournal(this.latest, why))
    return this.path
  }

  private async write(journal: Journal): Promise<void> {
    try {
      await writeJournal(this.path, journal)
      if (this.failing) this.warn(`the journal checkpoint is written to ${this.path} again`)
      this.failing = false
    } catch (error) {
      if (!this.failing)
        this.warn(
          `could not write the journal checkpoint to ${this.path}: ${describeFileError(error)}; the run goes on, and the final journal is written at the end`,
        )
      this.failing = true
      throw error
    }
  }
}
