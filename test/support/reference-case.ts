import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The flags of `run` a reference case was recorded with (its `args` file, one per line). */
export function caseArgs(dir: string): string[] {
  const file = join(dir, 'args')
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
    : []
}

/**
 * A difference from the reference the README documents (its `differs.json`): where in the journal
 * (`at`), what steadystate records there, and the start of the README's row saying why.
 */
export interface DocumentedDifference {
  readme: string
  at: (string | number)[]
  steadystate: unknown
}

export function documentedDifference(dir: string): DocumentedDifference | undefined {
  const file = join(dir, 'differs.json')
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DocumentedDifference) : undefined
}

/** The value at a path of keys and indexes, and a copy of the document with it replaced by null. */
export function splitAt(document: unknown, at: (string | number)[]): { value: unknown; rest: unknown } {
  const copy: unknown = structuredClone(document)
  let parent: unknown = copy
  for (const key of at.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[key]
  const last = at.at(-1) ?? ''
  const holder = parent as Record<string | number, unknown>
  const value = holder[last]
  holder[last] = null
  return { value, rest: copy }
}
