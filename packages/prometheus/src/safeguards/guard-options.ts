import { ActivityFailedError, type ModuleCallContext } from '@steadystate/core'
import { authFromSecrets, type AuthSecretKeys } from '../client/auth.ts'
import { PrometheusClient, endpointFrom, type ServiceKind } from '../client/prometheus-client.ts'
import { prometheusDurationMs } from '../time/format.ts'

/** A guard that has no answer within this long fails: a safeguard must not hang the run it guards. */
export const DEFAULT_GUARD_TIMEOUT_MS = 10_000

/** The `timeout` argument in milliseconds: seconds (`5`, `0.5`) or a duration (`"5s"`), above 0. */
export function guardTimeoutMs(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_GUARD_TIMEOUT_MS
  const ms = prometheusDurationMs(value)
  if (ms === undefined || ms <= 0) {
    throw new ActivityFailedError(
      `timeout ${JSON.stringify(value)} is not a duration: write seconds (5) or e.g. "5s"`,
    )
  }
  return ms
}

/** The client a guard uses: the configured server, credentials from the provider's secrets. */
export function guardClient(
  context: ModuleCallContext,
  service: ServiceKind,
  keys: AuthSecretKeys,
  verifyTls: unknown,
): PrometheusClient {
  return new PrometheusClient({
    endpoint: endpointFrom(context.configuration, service),
    auth: authFromSecrets(context.scopedSecrets, keys),
    verifyTls: verifyTls !== false,
    signal: context.signal,
  })
}
