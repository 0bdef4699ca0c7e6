import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join, basename } from 'node:path'
import type { Journal } from '@steadystate/model'

/**
 * Writes the journal atomically: a temporary file beside the target, flushed, then renamed over it,
 * so readers never see a half-written journal even if the process is killed mid-write.
 */
export async function writeJournal(path: string, journal: Journal): Promise<void> {
  await writeFileAtomically(path, `${JSON.stringify(journal, null, 2)}\n`)
}

export async function writeFileAtomically(path: string, contents: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`)
  // No fsync: rename is what keeps readers (and a killed run) from ever seeing half a file; syncing
  // to disk would only protect against power loss, at several milliseconds per checkpoint.
  await writeFile(temporary, contents)
  try {
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}
