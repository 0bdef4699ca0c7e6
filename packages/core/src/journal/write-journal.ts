import type { Journal } from '@steadystate/model'
import { writeFileSafely, writeFileSafelySync } from './write-file.ts'

/** A journal as the Chaos Toolkit writes it: two-space JSON and a final newline. */
export function journalText(journal: Journal): string {
  return `${JSON.stringify(journal, null, 2)}\n`
}

/** Writes the journal atomically (see `writeFileSafely`). */
export async function writeJournal(path: string, journal: Journal): Promise<void> {
  await writeFileSafely(path, journalText(journal))
}

/** `writeJournal`, synchronously: for the last write before a forced exit. */
export function writeJournalSync(path: string, journal: Journal): void {
  writeFileSafelySync(path, journalText(journal))
}
