import { renameSync, writeFileSync } from 'node:fs'
import { writeJournal } from '@steadystate/core'
import type { Journal } from '@steadystate/model'

/**
 * Writes checkpoints one at a time (latest wins), so a run killed after an interruption still leaves
 * a journal behind; `writeNow` is the synchronous last resort before a forced exit.
 */
export class JournalCheckpoints {
  private latest: Journal | undefined
  private writing: Promise<void> = Promise.resolve()
  private pending = false

  constructor(private readonly path: string) {}

  save(journal: Journal): void {
    this.latest = journal
    if (this.pending) return
    this.pending = true
    this.writing = this.writing.then(async () => {
      this.pending = false
      if (this.latest !== undefined) await writeJournal(this.path, this.latest).catch(() => undefined)
    })
  }

  flush(): Promise<void> {
    return this.writing
  }

  /** Returns the path written, or undefined when no checkpoint exists yet. */
  writeNow(): string | undefined {
    if (this.latest === undefined) return undefined
    const temporary = `${this.path}.${process.pid}.forced.tmp`
    writeFileSync(temporary, `${JSON.stringify(this.latest, null, 2)}\n`)
    renameSync(temporary, this.path)
    return this.path
  }
}
