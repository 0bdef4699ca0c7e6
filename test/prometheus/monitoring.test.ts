import { afterEach, describe, expect, inject, it } from 'vitest'
import { FIXTURE_VALUES } from '../support/monitoring/exporter.ts'
import { FIXTURE_ALERT } from '../support/monitoring/prometheus.ts'
import { alertmanagerAlerts, promQuery, setExporterState, waitUntil } from '../support/monitoring/queries.ts'

/** The real components the Prometheus suites (and later safeguards) rely on, working together. */
describe('the test monitoring stack', () => {
  const urls = inject('monitoring')
  afterEach(() => setExporterState(urls, 'healthy'))

  it('scrapes the fixture exporter: its target is up and its values are the fixed ones', async () => {
    const up = await waitUntil(
      'the fixture target to be up',
      () => promQuery(urls.prometheus, 'up{job="fixture"}'),
      (samples) => samples[0]?.value[1] === '1',
    )
    expect(up).toHaveLength(1)
    const ratios = await promQuery(urls.prometheus, 'fixture_error_ratio')
    expect(Object.fromEntries(ratios.map((s) => [s.metric.service, Number(s.value[1])]))).toEqual({
      checkout: FIXTURE_VALUES.healthy.checkoutErrorRatio,
      search: FIXTURE_VALUES.healthy.searchErrorRatio,
    })
  })

  it('fires the alerting rule into the real Alertmanager when the exporter turns unhealthy, and resolves it', async () => {
    // The stack is shared by the Prometheus suites: an earlier file may have fired this alert, and its
    // resolution reaches Alertmanager a few evaluation intervals after the exporter is healthy again.
    const before = await waitUntil(
      `no ${FIXTURE_ALERT} left active by an earlier test`,
      () => alertmanagerAlerts(urls.alertmanager),
      (alerts) => !alerts.some((alert) => alert.labels.alertname === FIXTURE_ALERT),
      60_000,
    )
    expect(before.map((a) => a.labels.alertname)).not.toContain(FIXTURE_ALERT)
    await setExporterState(urls, 'unhealthy')
    const firing = await waitUntil(
      `Alertmanager to receive ${FIXTURE_ALERT}`,
      () => alertmanagerAlerts(urls.alertmanager),
      (alerts) => alerts.some((alert) => alert.labels.alertname === FIXTURE_ALERT),
    )
    const alert = firing.find((candidate) => candidate.labels.alertname === FIXTURE_ALERT)
    expect(alert?.labels).toMatchObject({ alertname: FIXTURE_ALERT, severity: 'page', job: 'fixture' })
    expect(alert?.status.state).toBe('active')
    await setExporterState(urls, 'healthy')
    // Prometheus sends the resolution; Alertmanager then stops listing the alert as active.
    await waitUntil(
      `${FIXTURE_ALERT} to resolve`,
      () => alertmanagerAlerts(urls.alertmanager),
      (alerts) => !alerts.some((candidate) => candidate.labels.alertname === FIXTURE_ALERT),
      60_000,
    )
  }, 180_000) // three waits: the earlier alert resolved, this one firing, then resolved
})
