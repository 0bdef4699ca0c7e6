import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { readJournal, runCli, tempDir } from '../support/cli.ts'
import { basicAuthorization, startPrometheus, TEST_BASIC_AUTH } from '../support/monitoring/prometheus.ts'
import { promQuery, settleHealthy, waitUntil } from '../support/monitoring/queries.ts'
import type { Service } from '../support/monitoring/service.ts'
import { REPO_ROOT } from '../support/paths.ts'

const EXPERIMENTS = join(REPO_ROOT, 'test/prometheus/experiments')

/** What steadystate adds to chaosprometheus, on the real Prometheus: numeric tolerances, auth. */
describe('steadystate beyond the reference, on a real Prometheus', () => {
  const urls = inject('monitoring')
  beforeEach(() => settleHealthy(urls, 6))

  it('judges query results with values_within: met while healthy, deviated once checkout degrades', async () => {
    const dir = tempDir()
    const result = await runCli(
      ['run', join(EXPERIMENTS, 'numeric-tolerance.json'), '--journal-path', join(dir, 'journal.json')],
      { cwd: dir, env: { PROMETHEUS_URL: urls.prometheus, EXPORTER_URL: urls.exporter } },
    )
    const journal = readJournal(join(dir, 'journal.json'))
    expect(result.code, result.stderr).toBe(1)
    expect([journal.status, journal.deviated]).toEqual(['completed', true])
    expect(journal.steady_states.before?.probes.map((probe) => probe.tolerance_met)).toEqual([
      true,
      true,
      true,
    ])
    // After the fault, checkout's 25% breaks the first tolerance; the run stops judging there.
    expect(
      journal.steady_states.after?.probes.map((probe) => [probe.activity.name, probe.tolerance_met]),
    ).toEqual([['error-ratio-by-service', false]])
    expect(journal.steady_states.before?.probes[2]?.output).toBe(7)
    expect(journal.rollbacks.map((run) => run.status)).toEqual(['succeeded'])
    expect(result.stderr).toMatch(
      /steady state NOT met: probe 'error-ratio-by-service': tolerance probe 'at-most-5-percent' returned false/,
    )
  })

  describe('a Prometheus behind basic auth', () => {
    let secured: Service
    let dir: string
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'steadystate-prometheus-auth-'))
      secured = await startPrometheus({ dir, target: new URL(urls.exporter).host, basicAuth: true })
      await waitUntil(
        'the secured Prometheus to scrape the exporter once',
        () => promQuery(secured.url, 'fixture_healthy', { Authorization: basicAuthorization() }),
        (samples) => samples.length === 1,
      )
    })
    afterAll(async () => {
      await secured.stop()
      rmSync(dir, { recursive: true, force: true })
    })

    it('sends the credentials from the secrets the probe lists, and keeps the password out of the journal', async () => {
      const runDir = tempDir()
      const journalPath = join(runDir, 'journal.json')
      const env = {
        PROMETHEUS_URL: secured.url,
        PROMETHEUS_USERNAME: TEST_BASIC_AUTH.username,
        PROMETHEUS_PASSWORD: TEST_BASIC_AUTH.password,
      }
      const result = await runCli(
        ['run', join(EXPERIMENTS, 'basic-auth.json'), '--journal-path', journalPath],
        {
          cwd: runDir,
          env,
        },
      )
      const journal = readJournal(journalPath)
      expect(journal.steady_states.before?.probes[0]?.status, result.stderr).toBe('succeeded')
      expect(journal.steady_states.before?.steady_state_met).toBe(true)
      // The probe that lists no secret scope sends no credentials, and Prometheus refuses it.
      expect(journal.run[0]?.status).toBe('failed')
      expect(journal.run[0]?.exception?.at(-1)).toBe(
        "chaoslib.exceptions.ActivityFailed: chaoslib.exceptions.ActivityFailed: Prometheus query {'query': 'fixture_healthy'} failed: Unauthorized\n\n",
      )
      expect(readFileSync(journalPath, 'utf8')).not.toContain(TEST_BASIC_AUTH.password)
      expect(result.stderr + result.stdout).not.toContain(TEST_BASIC_AUTH.password)
    })
  })

  it('says in a dry run which Prometheus each probe would ask, without asking it', async () => {
    const dir = tempDir()
    const result = await runCli(
      [
        'run',
        join(EXPERIMENTS, 'relative-times.json'),
        '--dry',
        'probes',
        '--journal-path',
        join(dir, 'journal.json'),
      ],
      { cwd: dir, env: { PROMETHEUS_URL: 'http://127.0.0.1:9' } },
    )
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain(
      'dry run: would query http://127.0.0.1:9/api/v1/query_range for "fixture_queue_depth"',
    )
  })

  it('lists the modules and their arguments in discover', async () => {
    const result = await runCli(['discover', 'chaosprometheus'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('chaosprometheus.probes')
    expect(result.stdout).toContain(
      'query_interval(query: string, start: string, end: string, step: any = 1, timeout: any = null, verify_tls: boolean = true)',
    )
    expect(result.stdout).toContain(
      'compute_mean(query: string, window: string = "1d", mean_type: string = "arithmetic")',
    )
  })
})
