import { dirname } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadExperiment, validateExperiment } from '@steadystate/core'
import { createRegistry } from '../../packages/cli/src/registry.ts'
import { corpusFiles, skipWithoutCorpus } from '../support/corpus.ts'

/** Reasons the reference's `chaos validate` would give too, on a machine without these things. */
const ACCEPTED_REASONS = [
  /could not find Python module '[^']+' in activity/,
  // A function the pinned chaosk8s 0.39 does not have either (e.g. from a fork of the driver).
  /The python module '[^']+' does not expose a function called '[^']+'/,
  /Configuration makes reference to an environment key that does not exist/,
  /Secrets make reference to an environment key that does not exist/,
  /path '[^']+' cannot be found, in activity/,
]

function isJournal(document: Record<string, unknown>): boolean {
  return 'chaoslib-version' in document || ('experiment' in document && 'run' in document)
}

const files = corpusFiles()

describe('public corpus: every experiment loads, and validates or is rejected only for a reason the reference gives', () => {
  it('has files to check', (context) => {
    skipWithoutCorpus(context)
    expect(files.length).toBeGreaterThan(20)
  })
  for (const { name, path } of files) {
    it(name, async () => {
      const { experiment } = await loadExperiment(path)
      if (isJournal(experiment) || name.endsWith('settings.yaml')) {
        // Journals and settings are for the report and loader tests; here they only need to parse.
        expect(Object.keys(experiment).length).toBeGreaterThan(0)
        return
      }
      const issues = await validateExperiment(experiment, {
        registry: createRegistry(),
        env: { PATH: process.env.PATH },
        cwd: dirname(path),
      })
      const errors = issues.filter((issue) => issue.severity === 'error')
      const unexpected = errors.filter(
        (issue) => !ACCEPTED_REASONS.some((reason) => reason.test(issue.message)),
      )
      expect(unexpected, JSON.stringify(unexpected, null, 2)).toEqual([])
      // Every rejection names the field it is about.
      for (const issue of errors) expect(issue.path).not.toBe('')
    })
  }
})
