import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import { REPO_ROOT } from './paths.ts'

/**
 * The public corpus of third-party Chaos Toolkit experiments and journals is not part of the
 * repository: CI puts it at `../shared/conformance/corpus` beside the checkout, and
 * STEADYSTATE_CORPUS names another folder. Without it, the tests over it are skipped with this
 * reason (never passed silently); with STEADYSTATE_CORPUS set to a folder that is missing, they fail.
 */
export type Corpus = { present: true; dir: string } | { present: false; reason: string }

const BESIDE_THE_REPOSITORY = join(REPO_ROOT, '..', 'shared', 'conformance', 'corpus')

export function locateCorpus(env: NodeJS.ProcessEnv = process.env): Corpus {
  const named = env.STEADYSTATE_CORPUS
  if (named !== undefined && named !== '') {
    const dir = isAbsolute(named) ? named : resolve(REPO_ROOT, named)
    if (!existsSync(dir)) throw new Error(`STEADYSTATE_CORPUS names ${dir}, which does not exist`)
    return { present: true, dir }
  }
  if (existsSync(BESIDE_THE_REPOSITORY)) return { present: true, dir: BESIDE_THE_REPOSITORY }
  return {
    present: false,
    reason:
      `the optional public corpus of third-party Chaos Toolkit files is absent (looked for ${BESIDE_THE_REPOSITORY}; ` +
      'set STEADYSTATE_CORPUS to its folder to run these tests)',
  }
}

export const CORPUS = locateCorpus()

/** What a test needs to skip itself (vitest's `context.skip`). */
interface Skippable {
  skip(condition: boolean, note?: string): void
}

/** Skips the calling test, saying why, when the corpus is absent. */
export function skipWithoutCorpus(context: Skippable): void {
  if (!CORPUS.present) context.skip(true, CORPUS.reason)
}

/** The corpus files (JSON and YAML), or none when it is absent. */
export function corpusFiles(): { name: string; path: string }[] {
  if (!CORPUS.present) return []
  const { dir } = CORPUS
  return readdirSync(dir)
    .filter((file) => /\.(json|ya?ml)$/.test(file))
    .map((name) => ({ name, path: join(dir, name) }))
}

/** The corpus files that are journals: by name, or by the `chaoslib-version` key they carry. */
export function corpusJournals(): { name: string; path: string }[] {
  return corpusFiles().filter(
    ({ name, path }) =>
      name.endsWith('.json') &&
      (/journal|report/.test(name) || readFileSync(path, 'utf8').includes('"chaoslib-version"')),
  )
}
