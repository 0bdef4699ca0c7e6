import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Journal } from '@steadystate/model'
import { readJournal, runCli, tempDir } from '../support/cli.ts'
import { comparableJournal as comparable } from '../support/journal-compare.ts'
import { startHttpFixture, type HttpFixture } from '../support/http-fixture.ts'
import { CONFORMANCE, REPO_ROOT } from '../support/paths.ts'
import { caseArgs, documentedDifference, splitAt } from '../support/reference-case.ts'

const RUNS = join(CONFORMANCE, 'reference-runs')

describe('reference runs: same outcome and journal as chaos run', () => {
  // On a free port: the experiments read its URL from FIXTURE_URL.
  let fixture: HttpFixture
  beforeAll(async () => {
    fixture = await startHttpFixture()
  })
  afterAll(async () => {
    await fixture.close()
  })

  for (const name of readdirSync(RUNS)) {
    it(name, async () => {
      const dir = tempDir()
      // The marker case expects its file to exist before the run, as it did for the reference.
      writeFileSync(join(dir, 'steadystate-marker'), '')
      const journalPath = join(dir, 'journal.json')
      const result = await runCli(
        [
          'run',
          ...caseArgs(join(RUNS, name)),
          join(RUNS, name, 'experiment.json'),
          '--journal-path',
          journalPath,
        ],
        {
          cwd: dir,
          env: { GOLDEN_DIR: dir, FIXTURE_URL: fixture.url },
        },
      )
      const expectedCode = Number(readFileSync(join(RUNS, name, 'exit-code'), 'utf8').trim())
      let expected = JSON.parse(readFileSync(join(RUNS, name, 'journal.json'), 'utf8')) as Journal
      let actual = readJournal(journalPath)
      expect(result.code, result.stderr).toBe(expectedCode)
      // A documented difference: each side as the README says, then the rest compared as usual.
      const difference = documentedDifference(join(RUNS, name))
      if (difference !== undefined) {
        const ours = splitAt(actual, difference.at)
        const theirs = splitAt(expected, difference.at)
        expect(ours.value).toEqual(difference.steadystate)
        expect(theirs.value).not.toEqual(difference.steadystate)
        expect(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')).toContain(`| ${difference.readme}`)
        actual = ours.rest as Journal
        expected = theirs.rest as Journal
      }
      expect(comparable(actual)).toEqual(comparable(expected))
      // Timestamps use the reference's format, and each run's duration is its end minus its start.
      for (const run of [...actual.run, ...actual.rollbacks]) {
        expect(run.start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/)
        expect(run.duration).toBeCloseTo((Date.parse(run.end ?? '') - Date.parse(run.start)) / 1000, 2)
      }
    })
  }
})
