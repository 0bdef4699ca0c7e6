import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CONFORMANCE } from '../../../test/support/paths.ts'

/** The report package's own fixtures (seed on Kubernetes, unredacted chaos journal, i18n). */
export const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url))

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown
}

export function fixture(name: string): unknown {
  return readJson(join(FIXTURES, `${name}.json`))
}

/**
 * Every journal the shared conformance material holds: the corpus files that are journals (by name,
 * or by a `chaoslib-version` key) and the reference runs' journals.
 */
export function conformanceJournals(): { name: string; path: string }[] {
  const corpus = join(CONFORMANCE, 'corpus')
  const fromCorpus = readdirSync(corpus)
    .filter((file) => file.endsWith('.json'))
    .filter(
      (file) =>
        /journal|report/.test(file) ||
        readFileSync(join(corpus, file), 'utf8').includes('"chaoslib-version"'),
    )
    .map((file) => ({ name: file, path: join(corpus, file) }))
  const runs = join(CONFORMANCE, 'reference-runs')
  const fromRuns = readdirSync(runs).map((dir) => ({
    name: `reference-runs/${dir}`,
    path: join(runs, dir, 'journal.json'),
  }))
  return [...fromCorpus, ...fromRuns]
}
