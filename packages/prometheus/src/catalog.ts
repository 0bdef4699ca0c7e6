import type { ArgumentSpec, ModuleFunctionSpec } from '@steadystate/core'

/**
 * The functions of chaostoolkit-prometheus 0.6.0's `chaosprometheus.probes` (its `__all__`), with
 * the arguments and defaults of its Python signatures, and steadystate's numeric tolerance.
 */

const QUERY: ArgumentSpec = {
  name: 'query',
  type: 'string',
  required: true,
  description: 'PromQL expression',
}
const TIMEOUT: ArgumentSpec = {
  name: 'timeout',
  type: 'any',
  required: false,
  default: null,
  description: 'Prometheus\'s evaluation timeout (seconds or a duration such as "30s")',
}
const VERIFY_TLS: ArgumentSpec = {
  name: 'verify_tls',
  type: 'boolean',
  required: false,
  default: true,
  description: 'check the server certificate',
}
const WINDOW: ArgumentSpec = {
  name: 'window',
  type: 'string',
  required: false,
  default: '1d',
  description: 'how far back from now, e.g. "1d", "2 hours"',
}
const time = (name: string, description: string): ArgumentSpec => ({
  name,
  type: 'string',
  required: true,
  description,
})

export const PROMETHEUS_PROBES: ModuleFunctionSpec[] = [
  {
    name: 'query',
    kind: 'probe',
    description: "instant query; returns the API's JSON as is",
    arguments: [
      QUERY,
      {
        name: 'when',
        type: 'string',
        required: false,
        default: null,
        description: 'evaluation time: RFC 3339 or e.g. "5 minutes ago" (default: now)',
      },
      TIMEOUT,
      VERIFY_TLS,
    ],
  },
  {
    name: 'query_interval',
    kind: 'probe',
    description: "range query from start to end; returns the API's JSON as is",
    arguments: [
      QUERY,
      time('start', 'RFC 3339 or e.g. "5 minutes ago"'),
      time('end', 'RFC 3339 or e.g. "now"'),
      { name: 'step', type: 'any', required: false, default: 1, description: 'seconds between points' },
      TIMEOUT,
      VERIFY_TLS,
    ],
  },
  {
    name: 'compute_mean',
    kind: 'probe',
    description: 'mean of every point a range query returns over the window, up to now (a number)',
    arguments: [
      QUERY,
      WINDOW,
      {
        name: 'mean_type',
        type: 'string',
        required: false,
        default: 'arithmetic',
        description: 'arithmetic, geometric or harmonic',
      },
    ],
  },
  {
    name: 'nodes_cpu_usage_mean',
    kind: 'probe',
    description: 'mean CPU use of all nodes in percent over the window (node_cpu_seconds_total)',
    arguments: [WINDOW],
  },
]

export const PROMETHEUS_TOLERANCES: ModuleFunctionSpec[] = [
  {
    name: 'values_within',
    kind: 'probe',
    description:
      'for a {"type": "probe"} tolerance: every sample of a query result (or a number) within [min, max]',
    arguments: [
      {
        name: 'value',
        type: 'any',
        required: false,
        default: null,
        description: "the probe's value (set by the run)",
      },
      { name: 'min', type: 'number', required: false, default: null, description: 'lowest value allowed' },
      { name: 'max', type: 'number', required: false, default: null, description: 'highest value allowed' },
      {
        name: 'allow_empty',
        type: 'boolean',
        required: false,
        default: false,
        description: 'an empty result is within',
      },
    ],
  },
]
