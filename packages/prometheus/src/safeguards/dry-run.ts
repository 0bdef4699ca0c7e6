import type { ModuleDryRunImpl } from '@steadystate/core'
import { endpointFrom, PROMETHEUS_SERVICE } from '../client/prometheus-client.ts'
import { ALERTMANAGER_SERVICE } from './alertmanager.ts'
import { formatMatcher, parseMatchers } from './matchers.ts'

/** Guards only read; a dry run says what they would ask, and where, without asking. */
export const describeQueryGuard: ModuleDryRunImpl = (args, context) => {
  const { baseUrl } = endpointFrom(context.configuration, PROMETHEUS_SERVICE)
  return Promise.resolve(
    `would ask Prometheus at ${baseUrl} whether ${JSON.stringify(args.query)} returns any series`,
  )
}

export const describeAlertsGuard: ModuleDryRunImpl = (args, context) => {
  const { baseUrl } = endpointFrom(context.configuration, ALERTMANAGER_SERVICE)
  const matchers = parseMatchers(args.matchers).map(formatMatcher).join(', ')
  return Promise.resolve(`would ask Alertmanager at ${baseUrl} for firing alerts matching ${matchers}`)
}
