import { readFile } from 'node:fs/promises'
import { errorMessage } from '@steadystate/core'
import type { Journal } from '@steadystate/model'

/** A journal file (steadystate's or the Chaos Toolkit's), or why it cannot be used as one. */
export async function readJournalFile(path: string): Promise<Journal | string> {
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    return `cannot read the journal ${path}: ${errorMessage(error)}`
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return `${path} is not a journal (not a JSON object)`
  const experiment = 'experiment' in parsed ? parsed.experiment : undefined
  if (experiment === null || typeof experiment !== 'object' || Array.isArray(experiment))
    return `${path} is not a journal (it has no experiment)`
  if (
    !('rollbacks' in parsed) ||
    !Array.isArray(parsed.rollbacks) ||
    !('run' in parsed) ||
    !Array.isArray(parsed.run)
  )
    return `${path} is not a journal (it has no run and rollbacks lists)`
  return parsed as Journal
}
