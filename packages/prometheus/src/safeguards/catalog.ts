import type { ArgumentSpec, ModuleFunctionSpec } from '@steadystate/core'

/**
 * steadystate's stop sources on the Prometheus family, usable as ordinary probes (in a hypothesis
 * or the method) and as safeguard probes. Each returns `true` while it is safe to go on: judge it
 * with the plain tolerance `true`. A guard that cannot get an answer fails, which no tolerance
 * accepts: safety fails closed.
 */

const TIMEOUT: ArgumentSpec = {
  name: 'timeout',
  type: 'any',
  required: false,
  default: 10,
  description: 'seconds (or a duration such as "5s") to wait for the answer; no answer in time fails',
}
const VERIFY_TLS: ArgumentSpec = {
  name: 'verify_tls',
  type: 'boolean',
  required: false,
  default: true,
  description: 'check the server certificate',
}

export const PROMETHEUS_GUARDS: ModuleFunctionSpec[] = [
  {
    name: 'query_is_empty',
    kind: 'probe',
    description:
      'true while the PromQL expression returns no series (write it as an alerting rule\'s expr, e.g. "rate(errors[1m]) > 0.05"); tolerance: true',
    arguments: [
      {
        name: 'query',
        type: 'string',
        required: true,
        description: 'PromQL expression that returns series only when it is time to stop',
      },
      TIMEOUT,
      VERIFY_TLS,
    ],
  },
]

export const ALERTMANAGER_GUARDS: ModuleFunctionSpec[] = [
  {
    name: 'no_alerts_firing',
    kind: 'probe',
    description:
      'true while Alertmanager has no firing alert matching every matcher (silenced and inhibited ones ignored unless asked); tolerance: true',
    arguments: [
      {
        name: 'matchers',
        type: 'any',
        required: true,
        description:
          'label matchers, all of which an alert must match: ["alertname=\\"X\\"", "severity=~\\"critical|page\\""], or {"label": "value"}',
      },
      {
        name: 'include_silenced',
        type: 'boolean',
        required: false,
        default: false,
        description: 'count silenced alerts too',
      },
      {
        name: 'include_inhibited',
        type: 'boolean',
        required: false,
        default: false,
        description: 'count inhibited alerts too',
      },
      TIMEOUT,
      VERIFY_TLS,
    ],
  },
]
