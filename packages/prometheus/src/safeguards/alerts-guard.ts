import type { ModuleFunctionImpl } from '@steadystate/core'
import { ALERTMANAGER_AUTH_SECRET_KEYS } from '../client/auth.ts'
import { seriesName } from '../client/result.ts'
import { ALERTMANAGER_SERVICE, firingAlerts } from './alertmanager.ts'
import { guardClient, guardTimeoutMs } from './guard-options.ts'
import { formatMatcher, parseMatchers } from './matchers.ts'
import { observe } from './observation.ts'

/**
 * `steadystate.safeguards.alertmanager.no_alerts_firing`: true while Alertmanager has no active
 * alert matching every matcher. Silenced and inhibited alerts are left out (someone decided they do
 * not matter now) unless `include_silenced` / `include_inhibited` say otherwise.
 */
export const noAlertsFiring: ModuleFunctionImpl = async (args, context) => {
  const matchers = parseMatchers(args.matchers)
  const timeoutMs = guardTimeoutMs(args.timeout)
  const client = guardClient(context, ALERTMANAGER_SERVICE, ALERTMANAGER_AUTH_SECRET_KEYS, args.verify_tls)
  const alerts = await firingAlerts(client, matchers, {
    silenced: args.include_silenced === true,
    inhibited: args.include_inhibited === true,
    readTimeoutMs: timeoutMs,
  })
  const found = alerts.map((alert) => {
    const { alertname = '', ...labels } = alert.labels
    const sorted = Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)))
    const state = alert.state === 'active' ? '' : ` (${alert.state})`
    return `${seriesName({ __name__: alertname, ...sorted })} since ${alert.startsAt}${state}`
  })
  return observe(context, {
    subject: 'alerts',
    count: alerts.length,
    found,
    watching: matchers.map(formatMatcher).join(', '),
  })
}
