import { ActivityFailedError, valueText, type ModuleFunctionImpl } from '@steadystate/core'
import { rangeQuery } from '../client/queries.ts'
import { clientFor, parseTimeArgument } from './python-errors.ts'

/** The query `nodes_cpu_usage_mean` averages, as the reference writes it. */
export const NODES_CPU_USAGE_QUERY = '100 * (1 - avg(rate(node_cpu_seconds_total{mode="idle"}[1m])))'

/** The reference divides the window into 300 steps (`(end - start) / 60 / 5`). */
const STEPS_PER_WINDOW = 300

/**
 * `chaosprometheus.probes.compute_mean`: the mean of every point a range query returns over `window`
 * (e.g. "1d", "2 hours"), up to now. The reference's version always fails (it subtracts a datetime
 * from a float); this one does what its documentation says, over the points of every series returned.
 */
export const computeMean: ModuleFunctionImpl = async (args, context) => {
  const end = new Date()
  const start = parseTimeArgument('window', args.window, end)
  const seconds = (end.getTime() - start.getTime()) / 1000
  if (seconds <= 0)
    throw new ActivityFailedError(`window ${JSON.stringify(args.window)} must reach into the past, e.g. "1d"`)
  const query = valueText(args.query)
  const { samples } = await rangeQuery(clientFor(context), query, {
    start,
    end,
    stepSeconds: seconds / STEPS_PER_WINDOW,
  })
  const values = samples.map((sample) => sample.value).filter((value) => Number.isFinite(value))
  if (values.length === 0) {
    throw new ActivityFailedError(
      `the query ${JSON.stringify(query)} returned no ${samples.length === 0 ? '' : 'finite '}values over the ` +
        `window ${JSON.stringify(args.window)}: nothing to average`,
    )
  }
  return mean(values, args.mean_type)
}

export const nodesCpuUsageMean: ModuleFunctionImpl = (args, context) =>
  computeMean(
    {
      query: NODES_CPU_USAGE_QUERY,
      ...(args.window === undefined ? {} : { window: args.window }),
      mean_type: 'arithmetic',
    },
    context,
  )

/** Python's statistics.fmean, geometric_mean and harmonic_mean, with their refusals. */
export function mean(values: number[], meanType: unknown): number {
  switch (meanType) {
    case 'arithmetic':
      return values.reduce((sum, value) => sum + value, 0) / values.length
    case 'geometric':
      if (values.some((value) => value <= 0))
        throw new ActivityFailedError('a geometric mean needs values that are all positive')
      return Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length)
    case 'harmonic':
      if (values.some((value) => value < 0))
        throw new ActivityFailedError('a harmonic mean needs values that are not negative')
      if (values.includes(0)) return 0
      return values.length / values.reduce((sum, value) => sum + 1 / value, 0)
    default:
      throw new ActivityFailedError(
        `mean_type must be "arithmetic", "geometric" or "harmonic", got ${JSON.stringify(meanType ?? null)}`,
      )
  }
}
