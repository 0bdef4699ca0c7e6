/**
 * A Prometheus query client for steadystate modules (the chaosprometheus probes, and safeguards that
 * watch a PromQL expression): endpoint from the configuration, auth from secrets, clear failures,
 * results read as numbers.
 */
export {
  PrometheusClient,
  PrometheusUnreachableError,
  endpointFrom,
  withoutCredentials,
  DEFAULT_PROMETHEUS_URL,
  PROMETHEUS_SERVICE,
  type ServiceKind,
  type PrometheusEndpoint,
  type PrometheusClientOptions,
  type PrometheusAnswer,
} from './prometheus-client.ts'
export {
  authFromSecrets,
  authorizationHeader,
  AUTH_SECRET_KEYS,
  ALERTMANAGER_AUTH_SECRET_KEYS,
  type AuthSecretKeys,
  type PrometheusAuth,
} from './auth.ts'
export { instantQuery, rangeQuery, PrometheusQueryError, type QueryAnswer } from './queries.ts'
export { samplesOf, sampleValue, seriesName, type Sample, type Labels, type ResultType } from './result.ts'
export { parseTime } from '../time/parse-time.ts'
export { rfc3339Tenths, prometheusDurationMs } from '../time/format.ts'
