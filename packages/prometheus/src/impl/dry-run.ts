import type { ModuleDryRunImpl } from '@steadystate/core'
import { endpointFrom } from '../client/prometheus-client.ts'

/** Probes only read; a dry run says which Prometheus they would ask, and what. */
export function describeQuery(
  path: string,
  what: (args: Record<string, unknown>) => unknown,
): ModuleDryRunImpl {
  return (args, context) => {
    const { baseUrl } = endpointFrom(context.configuration)
    return Promise.resolve(`would query ${baseUrl}${path} for ${JSON.stringify(what(args))}`)
  }
}
