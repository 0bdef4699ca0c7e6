import { pyRepr, pyStr, pyTruthy, type ModuleFunctionImpl } from '@steadystate/core'
import type { JsonValue } from '@steadystate/model'
import { DEFAULT_READ_TIMEOUT_MS, READ_TIMEOUT_MARGIN_MS } from '../client/prometheus-client.ts'
import { prometheusDurationMs, rfc3339Tenths } from '../time/format.ts'
import { clientFor, failedActivity, parseTimeArgument } from './python-errors.ts'

/** Query parameters in the reference's order, with their Python values (for its error texts). */
type Params = [string, unknown][]

/**
 * `chaosprometheus.probes.query`: an instant query, the API's JSON returned as is. `when` (a time
 * the reference's dateparser would read) becomes the `time` parameter; `timeout` is Prometheus's own
 * evaluation timeout, passed through.
 */
export const query: ModuleFunctionImpl = async (args, context) => {
  const params: Params = [['query', args.query]]
  if (args.timeout !== null && args.timeout !== undefined) params.push(['timeout', args.timeout])
  if (pyTruthy(args.when))
    params.push(['time', rfc3339Tenths(parseTimeArgument('when', args.when, new Date()))])
  return ask(clientFor(context, args.verify_tls), '/api/v1/query', 'Prometheus query', params, args.timeout)
}

/**
 * `chaosprometheus.probes.query_interval`: a range query from `start` to `end` (RFC 3339 or "5
 * minutes ago"), one point every `step` seconds (default 1; a falsy step is not sent, and Prometheus
 * then refuses the query, as with the reference).
 */
export const queryInterval: ModuleFunctionImpl = async (args, context) => {
  const params: Params = [['query', args.query]]
  if (args.timeout !== null && args.timeout !== undefined) params.push(['timeout', args.timeout])
  if (pyTruthy(args.step)) params.push(['step', args.step])
  const now = new Date()
  params.push(['start', rfc3339Tenths(parseTimeArgument('start', args.start, now))])
  params.push(['end', rfc3339Tenths(parseTimeArgument('end', args.end, now))])
  return ask(
    clientFor(context, args.verify_tls),
    '/api/v1/query_range',
    'Prometheus query range',
    params,
    args.timeout,
  )
}

async function ask(
  client: ReturnType<typeof clientFor>,
  path: string,
  what: string,
  params: Params,
  timeout: unknown,
): Promise<JsonValue> {
  // Like `requests`, a parameter whose value is None is not sent.
  const sent = params.filter(([, value]) => value !== null && value !== undefined)
  const timeoutMs = prometheusDurationMs(timeout)
  const answer = await client.get(
    path,
    sent.map(([name, value]) => [name, pyStr(value)]),
    timeoutMs === undefined ? DEFAULT_READ_TIMEOUT_MS : timeoutMs + READ_TIMEOUT_MARGIN_MS,
  )
  if (answer.status !== 200)
    throw failedActivity(`${what} ${pyRepr(Object.fromEntries(params))} failed: ${answer.text}`)
  return client.json(answer) as JsonValue
}
