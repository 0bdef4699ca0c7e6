import { mkdir, open, rename, rm } from 'node:fs/promises'
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
  const handle = await open(temporary, 'w')
  try {
    await handle.writeFile(contents)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}
