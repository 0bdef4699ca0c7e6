import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Journal } from '@steadystate/model'
import { readJournal, runCli, tempDir } from '../support/cli.ts'
import { comparableJournal as comparable } from '../support/journal-compare.ts'
import { CONFORMANCE } from '../support/paths.ts'

const RUNS = join(CONFORMANCE, 'reference-runs')
const FIXTURE_PORT = 18931

describe('reference runs: same outcome and journal as chaos run', () => {
  let fixture: ChildProcess
  beforeAll(async () => {
    fixture = spawn('python3', [join(CONFORMANCE, 'http-fixture.py'), String(FIXTURE_PORT)], {
      stdio: 'ignore',
    })
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        await fetch(`http://127.0.0.1:${FIXTURE_PORT}/health`)
        return
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }
    throw new Error('the HTTP fixture did not start')
  })
  afterAll(() => {
    fixture.kill()
  })

  for (const name of readdirSync(RUNS)) {
    it(name, async () => {
      const dir = tempDir()
      // The marker case expects its file to exist before the run, as it did for the reference.
      writeFileSync(join(dir, 'steadystate-marker'), '')
      const journalPath = join(dir, 'journal.json')
      const result = await runCli(
        ['run', join(RUNS, name, 'experiment.json'), '--journal-path', journalPath],
        {
          cwd: dir,
          env: { GOLDEN_DIR: dir, FIXTURE_URL: `http://127.0.0.1:${FIXTURE_PORT}` },
        },
      )
      const expectedCode = Number(readFileSync(join(RUNS, name, 'exit-code'), 'utf8').trim())
      const expected = JSON.parse(readFileSync(join(RUNS, name, 'journal.json'), 'utf8')) as Journal
      const actual = readJournal(journalPath)
      expect(result.code, result.stderr).toBe(expectedCode)
      expect(comparable(actual)).toEqual(comparable(expected))
      // Timestamps use the reference's format, and each run's duration is its end minus its start.
      for (const run of [...actual.run, ...actual.rollbacks]) {
        expect(run.start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/)
        expect(run.duration).toBeCloseTo((Date.parse(run.end ?? '') - Date.parse(run.start)) / 1000, 2)
      }
    })
  }
})
