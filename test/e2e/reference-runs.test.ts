import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActivityRun, Journal, SteadyState } from '@steadystate/model'
import { readJournal, runCli, tempDir } from '../support/cli.ts'
import { startHttpFixture, type HttpFixture } from '../support/http-fixture.ts'
import { CONFORMANCE } from '../support/paths.ts'

const RUNS = join(CONFORMANCE, 'reference-runs')

/** What must match the reference, field by field: everything but timestamps, durations, platform, tracebacks. */
function comparableRun(run: ActivityRun): unknown {
  return {
    activity: run.activity,
    output: comparableOutput(run.output),
    status: run.status,
    exceptionLast: run.exception?.at(-1),
    tolerance_met: run.tolerance_met,
  }
}

function comparableOutput(output: unknown): unknown {
  if (output === null || typeof output !== 'object' || !('headers' in output)) return output
  const { headers, ...rest } = output as { headers: Record<string, string> }
  const kept = Object.fromEntries(
    Object.entries(headers).filter(([name]) => !['date', 'server'].includes(name.toLowerCase())),
  )
  return { ...rest, headers: kept }
}

function comparableState(state: SteadyState | null): unknown {
  return state === null
    ? null
    : { steady_state_met: state.steady_state_met, probes: state.probes.map(comparableRun) }
}

function comparable(journal: Journal): unknown {
  return {
    experiment: journal.experiment,
    status: journal.status,
    deviated: journal.deviated,
    before: comparableState(journal.steady_states.before),
    after: comparableState(journal.steady_states.after),
    during: journal.steady_states.during.map(comparableState),
    run: journal.run.map(comparableRun),
    rollbacks: journal.rollbacks.map(comparableRun),
    keys: Object.keys(journal).filter((key) => key !== 'steadystate'),
  }
}

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
        ['run', join(RUNS, name, 'experiment.json'), '--journal-path', journalPath],
        {
          cwd: dir,
          env: { GOLDEN_DIR: dir, FIXTURE_URL: fixture.url },
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
