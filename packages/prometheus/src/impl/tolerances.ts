import { ActivityFailedError, type ModuleFunctionImpl } from '@steadystate/core'
import { samplesOf, type Sample } from '../client/result.ts'

/**
 * `steadystate.prometheus.tolerances.values_within`, for a `{"type": "probe"}` tolerance: true when
 * the probe's value (a `query`/`query_interval` answer, or a number such as `compute_mean`'s) has at
 * least one sample and every sample lies within [`min`, `max`] (either bound may be left out). NaN
 * is never within. An empty result is not met unless `allow_empty` is true (the query found no series:
 * usually a typo in a metric name, not a healthy system).
 */
export const valuesWithin: ModuleFunctionImpl = (args) => {
  const min = bound(args.min, 'min')
  const max = bound(args.max, 'max')
  if (min === undefined && max === undefined)
    throw new ActivityFailedError('values_within needs a "min", a "max" or both')
  const samples = numericSamples(args.value)
  if (samples.length === 0) return Promise.resolve(args.allow_empty === true)
  return Promise.resolve(
    samples.every(
      ({ value }) =>
        !Number.isNaN(value) && (min === undefined || value >= min) && (max === undefined || value <= max),
    ),
  )
}

function bound(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number' && !Number.isNaN(value)) return value
  throw new ActivityFailedError(`values_within: "${name}" must be a number, got ${JSON.stringify(value)}`)
}

function numericSamples(value: unknown): Sample[] {
  if (typeof value === 'number') return [{ labels: {}, timestamp: Number.NaN, value }]
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
    return [{ labels: {}, timestamp: Number.NaN, value: Number(value) }]
  const samples = samplesOf(value)
  if (samples === undefined) {
    throw new ActivityFailedError(
      'values_within judges a Prometheus query result (from chaosprometheus.probes query or ' +
        `query_interval) or a number; the probe returned ${JSON.stringify(value)?.slice(0, 120) ?? 'nothing'}`,
    )
  }
  return samples
}
