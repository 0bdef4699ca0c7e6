import { ActivityFailedError } from '@steadystate/core'
import type { PrometheusClient, ServiceKind } from '../client/prometheus-client.ts'
import { formatMatcher, type Matcher } from './matchers.ts'

/** Where a guard looks when the configuration has no `alertmanager_base_url`. */
export const DEFAULT_ALERTMANAGER_URL = 'http://localhost:9093'

export const ALERTMANAGER_SERVICE: ServiceKind = {
  name: 'Alertmanager',
  configKey: 'alertmanager_base_url',
  defaultUrl: DEFAULT_ALERTMANAGER_URL,
}

/** One alert as Alertmanager's API v2 lists it (the fields guards read). */
export interface FiringAlert {
  labels: Record<string, string>
  startsAt: string
  state: string
}

/**
 * The alerts Alertmanager holds that match every matcher (`GET /api/v2/alerts`): active ones, and
 * silenced or inhibited ones only when asked. Alertmanager applies the matchers itself, with its
 * own regular expressions (anchored RE2), so a guard means exactly what amtool would show.
 */
export async function firingAlerts(
  client: PrometheusClient,
  matchers: Matcher[],
  options: { silenced: boolean; inhibited: boolean; readTimeoutMs: number },
): Promise<FiringAlert[]> {
  const params: [string, string][] = [
    ['active', 'true'],
    ['silenced', String(options.silenced)],
    ['inhibited', String(options.inhibited)],
    ...matchers.map((matcher): [string, string] => ['filter', formatMatcher(matcher)]),
  ]
  const answer = await client.get('/api/v2/alerts', params, options.readTimeoutMs)
  if (answer.status !== 200) {
    const reason = answer.text.trim().slice(0, 300)
    throw new ActivityFailedError(
      `Alertmanager (${answer.url.split('?')[0] ?? answer.url}) did not list the alerts matching ` +
        `${matchers.map(formatMatcher).join(', ')}: HTTP ${answer.status}${reason === '' ? '' : `, ${reason}`}`,
    )
  }
  const body = client.json(answer)
  if (!Array.isArray(body)) {
    throw new ActivityFailedError(
      `${answer.url} answered with ${typeof body}, not a list of alerts: is alertmanager_base_url an Alertmanager (API v2)?`,
    )
  }
  return body.map(readAlert)
}

function readAlert(raw: unknown): FiringAlert {
  const alert = isRecord(raw) ? raw : {}
  const labels: Record<string, string> = {}
  if (isRecord(alert.labels))
    for (const [key, value] of Object.entries(alert.labels))
      if (typeof value === 'string') labels[key] = value
  const status = isRecord(alert.status) ? alert.status : {}
  return {
    labels,
    startsAt: typeof alert.startsAt === 'string' ? alert.startsAt : '',
    state: typeof status.state === 'string' ? status.state : 'unknown',
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
