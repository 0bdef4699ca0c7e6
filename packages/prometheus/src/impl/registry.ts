import type { ModuleImplementation } from '@steadystate/core'
import { describeQuery } from './dry-run.ts'
import { computeMean, NODES_CPU_USAGE_QUERY, nodesCpuUsageMean } from './mean.ts'
import { query, queryInterval } from './probes.ts'
import { valuesWithin } from './tolerances.ts'
import { noAlertsFiring } from '../safeguards/alerts-guard.ts'
import { describeAlertsGuard, describeQueryGuard } from '../safeguards/dry-run.ts'
import { queryIsEmpty } from '../safeguards/promql-guard.ts'

export const IMPLEMENTATIONS: Record<string, ModuleImplementation> = {
  'chaosprometheus.probes': {
    functions: {
      query,
      query_interval: queryInterval,
      compute_mean: computeMean,
      nodes_cpu_usage_mean: nodesCpuUsageMean,
    },
    dryRun: {
      query: describeQuery('/api/v1/query', (args) => args.query),
      query_interval: describeQuery('/api/v1/query_range', (args) => args.query),
      compute_mean: describeQuery('/api/v1/query_range', (args) => args.query),
      nodes_cpu_usage_mean: describeQuery('/api/v1/query_range', () => NODES_CPU_USAGE_QUERY),
    },
  },
  'steadystate.prometheus.tolerances': { functions: { values_within: valuesWithin } },
  'steadystate.safeguards.prometheus': {
    functions: { query_is_empty: queryIsEmpty },
    dryRun: { query_is_empty: describeQueryGuard },
  },
  'steadystate.safeguards.alertmanager': {
    functions: { no_alerts_firing: noAlertsFiring },
    dryRun: { no_alerts_firing: describeAlertsGuard },
  },
}
