import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import { readJournal, runCli, tempDir } from '../support/cli.ts'
import { settleHealthy } from '../support/monitoring/queries.ts'
import { REPO_ROOT } from '../support/paths.ts'
import { pdfText } from '../support/pdf.ts'

const EXPERIMENT = join(REPO_ROOT, 'test/prometheus/experiments/metrics-report.json')

/** The report of a run that measured Prometheus: a chart per metric probe, from the real server. */
describe('the report of a run with Prometheus probes, on a real Prometheus', () => {
  const urls = inject('monitoring')
  beforeEach(() => settleHealthy(urls, 6))

  it('charts each metric probe over the run, before / during / after, with its tolerance', async () => {
    const dir = tempDir()
    const journalPath = join(dir, 'journal.json')
    const result = await runCli(
      ['run', EXPERIMENT, '--journal-path', journalPath, '--report', join(dir, 'report.pdf')],
      {
        cwd: dir,
        env: {
          PROMETHEUS_URL: urls.prometheus,
          ALERTMANAGER_URL: urls.alertmanager,
          EXPORTER_URL: urls.exporter,
        },
      },
    )
    // To refresh packages/report/fixtures/metrics-prometheus.json from a real run.
    const keep = process.env.STEADYSTATE_KEEP_METRICS_JOURNAL
    if (keep !== undefined && keep !== '') copyFileSync(journalPath, keep)
    const journal = readJournal(journalPath)
    // Checkout's error ratio is 25% after the fault: the hypothesis after the method deviates.
    expect([result.code, journal.status, journal.deviated], result.stderr).toEqual([1, 'completed', true])
    // During the fault, the guards say stop: series above 5%, and the fixture's guard endpoint.
    expect(journal.run.map((run) => [run.activity.name, run.status, run.output])).toEqual([
      ['degrade-checkout', 'succeeded', expect.anything()],
      ['no-error-budget-burn', 'succeeded', false],
      ['guard-endpoint-says-stop', 'succeeded', false],
      ['error-ratios-during-the-fault', 'succeeded', expect.anything()],
    ])

    const text = pdfText(join(dir, 'report.pdf'))
    const compact = text.replace(/\s+/g, '')
    expect(text).toContain('Metrics')
    for (const title of [
      'checkout-error-ratio',
      'queue-depth-last-10-seconds',
      'error-ratios-during-the-fault',
    ])
      expect(text).toContain(title)
    // Legends: the series told apart by the labels that differ, the tolerance's bounds.
    expect(compact).toContain('{service="search"}')
    expect(compact).toContain('tolerancevalues_within(max0.05)')
    expect(compact).toContain('tolerancerange[1,10]:highest')
    expect(compact).toContain('PromQLguard:fixture_error_ratio>0.05')
    expect(compact).toContain('tolerancesafeat0')
    // The method's band (4 s: the fault's pause) is wide enough for its name.
    expect(compact).toContain('beforemethod')

    const html = join(dir, 'report.html')
    const rendered = await runCli(['report', journalPath, html], { cwd: dir })
    expect(rendered.code, rendered.stderr).toBe(0)
    const page = readFileSync(html, 'utf8')
    expect(page).toContain('<h2>Metrics</h2>')
    expect(page).toContain('<h3>checkout-error-ratio</h3>')
    const legends = [...page.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1])
    expect(legends).toEqual(
      expect.arrayContaining(['{service=&#34;search&#34;}', 'tolerance values_within (max 0.05)']),
    )
  })
})
