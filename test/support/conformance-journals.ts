import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { corpusJournals } from './corpus.ts'
import { CONFORMANCE } from './paths.ts'

/**
 * Every conformance journal: the optional public corpus's journals when it is present (see
 * corpus.ts), then the reference runs' journals, which the repository keeps.
 */
export function conformanceJournals(): { name: string; path: string }[] {
  const runs = join(CONFORMANCE, 'reference-runs')
  return [
    ...corpusJournals(),
    ...readdirSync(runs).map((dir) => ({
      name: `reference-runs/${dir}`,
      path: join(runs, dir, 'journal.json'),
    })),
  ]
}
