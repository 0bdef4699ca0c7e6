import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import { readJournal, runCli, tempDir } from '../support/cli.ts'
import { settleHealthy } from '../support/monitoring/queries.ts'
import { REPO_ROOT } from '../support/paths.ts'
import { pdfText } from '../support/pdf.ts'

const EXPERIMENT = join(REPO_ROOT, 'test/prometheus/experiments/safeguard-stops.json')

/**
 * chaosaddons.controls.safeguards with a PromQL guard on the real Prometheus: the method makes the
 * fixture exporter unhealthy, the guard sees the breach and stops the run in its pause, the
 * rollback heals the exporter, and the report shows the real checks and the stop.
 */
describe('a Prometheus safeguard, on a real Prometheus', () => {
  const urls = inject('monitoring')
  beforeEach(() => settleHealthy(urls, 6))

  it('stops the run when the PromQL guard sees the breach; rollbacks run; the report shows the checks', async () => {
    const dir = tempDir()
    const journalPath = join(dir, 'journal.json')
    const result = await runCli(
      ['run', EXPERIMENT, '--journal-path', journalPath, '--report', join(dir, 'report.pdf')],
      { cwd: dir, env: { PROMETHEUS_URL: urls.prometheus, EXPORTER_URL: urls.exporter } },
    )
    expect(result.code, result.stderr).toBe(1)
    expect(result.stderr).toContain("safeguard 'no-error-budget-burn' of control 'slo-guard' tripped")
    const journal = readJournal(journalPath)
    expect(journal.status).toBe('interrupted')
    expect(journal.run.map((run) => run.activity.name)).toEqual(['degrade-checkout'])
    expect(journal.rollbacks.map((run) => [run.activity.name, run.status])).toEqual([
      ['heal-checkout', 'succeeded'],
    ])
    // The rollback reached the exporter: its guard endpoint says go on again.
    expect(await (await fetch(`${urls.exporter}/guard`)).json()).toEqual({ ok: true })

    const stop = journal.steadystate?.stop
    expect(stop).toMatchObject({ source: 'safeguard', control: 'slo-guard', probe: 'no-error-budget-burn' })
    expect(stop?.value).toBe(false)
    const checks = journal.steadystate?.safeguards?.checks ?? []
    // Checks before the breach went on; the last one said stop, with what Prometheus returned.
    expect(checks.filter((check) => check.ok).length).toBeGreaterThan(0)
    expect(checks.at(-1)).toMatchObject({ probe: 'no-error-budget-burn', mode: 'repeating', ok: false })
    expect(checks.at(-1)?.at).toBe(stop?.trippedAt)
    expect(JSON.stringify(checks.at(-1)?.measurements)).toContain('fixture_error_ratio')
    const saidStop = checks.filter((check) => !check.ok).length

    // The report: the stop on its first page, and the safeguard's real checks in its table.
    const text = pdfText(join(dir, 'report.pdf'))
    expect(text).toContain('Stopped by')
    expect(text.replace(/\s+/g, ' ')).toContain("safeguard 'no-error-budget-burn' (control 'slo-guard')")
    expect(text).toContain('Safeguards')
    const html = join(dir, 'report.html')
    const rendered = await runCli(['report', journalPath, html], { cwd: dir })
    expect(rendered.code, rendered.stderr).toBe(0)
    const page = readFileSync(html, 'utf8')
    const table = page.slice(page.indexOf('<h2>Safeguards</h2>'))
    const row = /<tbody><tr>((?:<td[^>]*>.*?<\/td>)+)<\/tr>/.exec(table)?.[1] ?? ''
    const cells = [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((match) => match[1])
    expect(cells.slice(0, 3)).toEqual(['no-error-budget-burn', String(checks.length), String(saidStop)])
    expect(cells[3]).toMatch(/^\+\d+\.\d{3} s$/)
  })
})
