/** What tests ask the real Prometheus and Alertmanager directly (not through steadystate). */
import { waitUntil } from '../wait.ts'

export { waitUntil }

export interface PromSample {
  metric: Record<string, string>
  value: [number, string]
}

/** An instant query's samples, straight from the HTTP API. */
export async function promQuery(
  prometheus: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<PromSample[]> {
  const response = await fetch(`${prometheus}/api/v1/query?${new URLSearchParams({ query }).toString()}`, {
    headers,
  })
  const body = (await response.json()) as { status: string; data?: { result: PromSample[] } }
  if (body.status !== 'success' || body.data === undefined)
    throw new Error(`query ${query} failed: ${JSON.stringify(body)}`)
  return body.data.result
}

export interface AlertmanagerAlert {
  labels: Record<string, string>
  status: { state: string }
  startsAt: string
}

/** The alerts Alertmanager holds (API v2), active ones only by default. */
export async function alertmanagerAlerts(alertmanager: string): Promise<AlertmanagerAlert[]> {
  const response = await fetch(`${alertmanager}/api/v2/alerts?active=true&silenced=false&inhibited=false`)
  if (!response.ok) throw new Error(`Alertmanager answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as AlertmanagerAlert[]
}

/** Sets the exporter's state and waits until Prometheus has scraped it and the change has settled. */
export async function setExporterState(
  urls: { exporter: string; prometheus: string },
  state: 'healthy' | 'unhealthy',
): Promise<void> {
  const response = await fetch(`${urls.exporter}/${state}`, { method: 'POST' })
  if (!response.ok) throw new Error(`the exporter answered ${response.status}`)
  const expected = state === 'healthy' ? '1' : '0'
  await waitUntil(
    `Prometheus to see fixture_healthy = ${expected}`,
    () => promQuery(urls.prometheus, 'fixture_healthy'),
    (samples) => samples[0]?.value[1] === expected,
  )
}

/**
 * Makes the exporter healthy and waits until Prometheus has seen it healthy, scrape after scrape, for
 * the last `seconds` (so queries over a window that long read only healthy values).
 */
export async function settleHealthy(
  urls: { exporter: string; prometheus: string },
  seconds: number,
): Promise<void> {
  await setExporterState(urls, 'healthy')
  await waitUntil(
    `fixture_healthy to have been 1 for ${seconds} s`,
    () =>
      promQuery(
        urls.prometheus,
        `min_over_time(fixture_healthy[${seconds}s]) == 1 and count_over_time(fixture_healthy[${seconds}s]) >= ${seconds - 1}`,
      ),
    (samples) => samples.length === 1,
    (seconds + 20) * 1000,
  )
}
