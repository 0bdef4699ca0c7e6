import { ActivityFailedError, type ModuleFunctionImpl } from '@steadystate/core'
import { AUTH_SECRET_KEYS } from '../client/auth.ts'
import { PROMETHEUS_SERVICE } from '../client/prometheus-client.ts'
import { instantQuery } from '../client/queries.ts'
import { samplesOf, seriesName } from '../client/result.ts'
import { guardClient, guardTimeoutMs } from './guard-options.ts'
import { observe } from './observation.ts'

/**
 * `steadystate.safeguards.prometheus.query_is_empty`: true while the expression returns no series.
 * It reads the expression as Prometheus reads an alerting rule's: every series returned is a breach,
 * whatever its value. So `rate(errors[1m]) > 0.05` is right, and `… > bool 0.05` (which returns a
 * series, 0 or 1, every time) always stops: fail closed rather than guess which zeros mean "safe".
 * An expression that returns a scalar or a string cannot be judged this way and fails.
 */
export const queryIsEmpty: ModuleFunctionImpl = async (args, context) => {
  if (typeof args.query !== 'string' || args.query.trim() === '')
    throw new ActivityFailedError('query_is_empty needs "query": a PromQL expression')
  const query = args.query
  const timeoutMs = guardTimeoutMs(args.timeout)
  const client = guardClient(context, PROMETHEUS_SERVICE, AUTH_SECRET_KEYS, args.verify_tls)
  const { response } = await instantQuery(client, query, {
    timeoutSeconds: timeoutMs / 1000,
    readTimeoutMs: timeoutMs,
  })
  const data = response.data as { resultType?: unknown; result?: unknown }
  if (data.resultType !== 'vector' && data.resultType !== 'matrix') {
    throw new ActivityFailedError(
      `query_is_empty judges expressions that return series, as an alerting rule's; ${JSON.stringify(query)} ` +
        `returns a ${String(data.resultType)}: compare series instead, e.g. "sum(rate(errors[1m])) > 0.05"`,
    )
  }
  const series = Array.isArray(data.result) ? data.result.length : 0
  const found = (samplesOf(response) ?? []).map(
    (sample) => `${seriesName(sample.labels)} = ${String(sample.value)}`,
  )
  return observe(context, { subject: 'series', count: series, found, watching: query })
}
