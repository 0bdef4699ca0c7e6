import { SteadystateError, type ModuleCallContext } from '@steadystate/core'
import { PrometheusClient, endpointFrom } from '../client/prometheus-client.ts'
import { authFromSecrets } from '../client/auth.ts'
import { parseTime } from '../time/parse-time.ts'

/**
 * An exception as the reference raises it inside the probe. chaoslib wraps what a probe raises as
 * `ActivityFailed("<type>: <message>")`, and the python provider prefixes an error's name the same
 * way, so journals read alike, e.g. "chaoslib.exceptions.ActivityFailed: chaoslib.exceptions.
 * ActivityFailed: failed to parse 'soon'" in both.
 */
export class PythonException extends SteadystateError {
  constructor(pythonType: 'chaoslib.exceptions.ActivityFailed' | 'TypeError', message: string) {
    // Not an ActivityFailedError: the python provider prefixes its name, as chaoslib does.
    super('ACTIVITY_FAILED', message)
    this.name = pythonType
  }
}

/** The reference's `FailedActivity(...)`. */
export function failedActivity(message: string): PythonException {
  return new PythonException('chaoslib.exceptions.ActivityFailed', message)
}

/** `dateparser.parse(text)` as the reference calls it, failing as it does. */
export function parseTimeArgument(name: string, value: unknown, now: Date): Date {
  if (typeof value !== 'string') {
    // dateparser's own TypeError, with what a person needs to fix it.
    throw new PythonException(
      'TypeError',
      `Input type must be str: '${name}' is ${JSON.stringify(value ?? null)}; write e.g. "5 minutes ago" ` +
        `or an RFC 3339 date`,
    )
  }
  const parsed = parseTime(value, now)
  if (parsed === undefined) throw failedActivity(`failed to parse '${value}'`)
  return parsed
}

/** The client a probe uses: the configured endpoint, credentials from the provider's secrets. */
export function clientFor(context: ModuleCallContext, verifyTls: unknown = true): PrometheusClient {
  return new PrometheusClient({
    endpoint: endpointFrom(context.configuration),
    auth: authFromSecrets(context.scopedSecrets),
    // requests' `verify=False` (or 0) turns checks off; anything else keeps them.
    verifyTls: verifyTls !== false && verifyTls !== 0,
    signal: context.signal,
  })
}
