import { join } from 'node:path'
import { beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import type { Journal } from '@steadystate/model'
import { readJournal, runCli, tempDir } from '../support/cli.ts'
import { comparableJournal } from '../support/journal-compare.ts'
import { freePort } from '../support/monitoring/service.ts'
import { settleHealthy } from '../support/monitoring/queries.ts'
import { REPO_ROOT } from '../support/paths.ts'
import { referenceChaosBin, runReference } from '../support/reference-chaostoolkit.ts'
import { FIXED_TIMES, RELATIVE_TIMES } from './normalize.ts'

const EXPERIMENTS = join(REPO_ROOT, 'test/prometheus/experiments')

interface Case {
  file: string
  /** What both tools must end with: exit code, journal status, deviated. */
  outcome: [number, 'completed' | 'failed', boolean]
  /** The experiment asks for fixed times, so sample timestamps must match too. */
  exactTimes?: boolean
  /**
   * A deliberate difference (README, "Differences from the Chaos Toolkit"): checks what each tool
   * did there, then gives steadystate's entry the reference's value so the rest is compared.
   */
  difference?: (ours: Journal, reference: Journal) => void
}

const CASES: Case[] = [
  { file: 'fixed-times.json', outcome: [0, 'completed', false], exactTimes: true },
  { file: 'relative-times.json', outcome: [0, 'completed', false] },
  { file: 'promql-threshold-deviates.json', outcome: [1, 'completed', true] },
  { file: 'query-failures.json', outcome: [0, 'completed', false] },
  { file: 'failing-hypothesis-probe.json', outcome: [1, 'failed', false] },
  {
    file: 'prometheus-down.json',
    outcome: [1, 'failed', false],
    difference(ours, reference) {
      const [mine, theirs] = [ours.steady_states.before?.probes[0], reference.steady_states.before?.probes[0]]
      // The reference shows urllib3's internals; steadystate says which URL and what went wrong.
      expect(theirs?.exception?.at(-1)).toMatch(
        /^chaoslib\.exceptions\.ActivityFailed: requests\.exceptions\.ConnectionError: .*Connection refused/,
      )
      expect(mine?.exception?.at(-1)).toMatch(
        /^chaoslib\.exceptions\.ActivityFailed: could not reach Prometheus at http:\/\/127\.0\.0\.1:\d+\/api\/v1\/query\?query=fixture_healthy: connect ECONNREFUSED 127\.0\.0\.1:\d+\n$/,
      )
      if (mine !== undefined && theirs?.exception !== undefined) mine.exception = theirs.exception
    },
  },
  {
    file: 'compute-mean.json',
    outcome: [0, 'completed', false],
    difference(ours, reference) {
      const [mine, theirs] = [ours.run[0], reference.run[0]]
      // The reference's compute_mean always fails (it subtracts a datetime from a float).
      expect(theirs?.status).toBe('failed')
      expect(theirs?.exception?.at(-1)).toMatch(
        /TypeError: unsupported operand type\(s\) for -: 'float' and 'datetime/,
      )
      expect(mine?.status).toBe('succeeded')
      expect(mine?.output).toBe(7)
      if (mine !== undefined && theirs !== undefined) {
        if (theirs.status !== undefined) mine.status = theirs.status
        mine.output = theirs.output
        if (theirs.exception !== undefined) mine.exception = theirs.exception
      }
    },
  },
]

describe('chaosprometheus experiments: steadystate and the reference Chaos Toolkit, on the same Prometheus', () => {
  const urls = inject('monitoring')
  let chaosBin: string
  let downUrl: string
  beforeAll(async () => {
    chaosBin = await referenceChaosBin()
    downUrl = `http://127.0.0.1:${await freePort()}`
  })
  // Each run starts from a service that has been healthy for 10 s, so relative windows read alike.
  beforeEach(() => settleHealthy(urls, 10))

  for (const testCase of CASES) {
    it(testCase.file, async () => {
      const experiment = join(EXPERIMENTS, testCase.file)
      const now = Date.now()
      const env = {
        PROMETHEUS_URL: urls.prometheus,
        EXPORTER_URL: urls.exporter,
        PROMETHEUS_DOWN_URL: downUrl,
        QUERY_TIME: new Date(now - 3_000).toISOString(),
        RANGE_START: new Date(Math.floor(now / 1000) * 1000 - 9_000).toISOString(),
        RANGE_END: new Date(Math.floor(now / 1000) * 1000 - 3_000).toISOString(),
      }
      const referenceDir = tempDir('steadystate-reference-')
      const reference = await runReference(chaosBin, experiment, join(referenceDir, 'journal.json'), {
        cwd: referenceDir,
        env,
      })
      await settleHealthy(urls, 10)
      const oursDir = tempDir('steadystate-prometheus-')
      const ours = await runCli(['run', experiment, '--journal-path', join(oursDir, 'journal.json')], {
        cwd: oursDir,
        env,
      })
      const referenceJournal = readJournal(join(referenceDir, 'journal.json'))
      const oursJournal = readJournal(join(oursDir, 'journal.json'))
      const logs = `steadystate:\n${ours.stderr}\nreference:\n${reference.output}`
      expect([reference.code, referenceJournal.status, referenceJournal.deviated], logs).toEqual(
        testCase.outcome,
      )
      expect([ours.code, oursJournal.status, oursJournal.deviated], logs).toEqual(testCase.outcome)
      testCase.difference?.(oursJournal, referenceJournal)
      const normalize = testCase.exactTimes === true ? FIXED_TIMES : RELATIVE_TIMES
      expect(comparableJournal(oursJournal, normalize)).toEqual(
        comparableJournal(referenceJournal, normalize),
      )
    })
  }
})
