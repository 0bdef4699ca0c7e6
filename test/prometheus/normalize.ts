import { isRecord } from '@steadystate/model'
import { withoutVolatileHeaders, type Normalizers } from '../support/journal-compare.ts'

/**
 * An output with what differs between two runs of the same experiment at different moments left
 * out: sample timestamps of Prometheus results (relative times such as "5 minutes ago" resolve to
 * different instants), repeated points of a range (its length depends on when "now" was read), and
 * volatile HTTP headers. Values stay: the fixture exporter's values do not change.
 */
export function withoutSampleTimes(output: unknown): unknown {
  const headersDropped = withoutVolatileHeaders(output)
  if (!isRecord(headersDropped) || !isRecord(headersDropped.data)) return headersDropped
  const data = headersDropped.data
  const result = data.result
  switch (data.resultType) {
    case 'vector':
      return withData(headersDropped, {
        ...data,
        result: asArray(result).map((series) => ({
          ...asRecord(series),
          value: pointValue(asRecord(series).value),
        })),
      })
    case 'matrix':
      return withData(headersDropped, {
        ...data,
        result: asArray(result).map((series) => ({
          ...asRecord(series),
          values: [...new Set(asArray(asRecord(series).values).map(pointValue))],
        })),
      })
    case 'scalar':
    case 'string':
      return withData(headersDropped, { ...data, result: pointValue(result) })
    default:
      return headersDropped
  }
}

function pointValue(point: unknown): unknown {
  return Array.isArray(point) ? point[1] : point
}

function withData(output: Record<string, unknown>, data: Record<string, unknown>): Record<string, unknown> {
  return { ...output, data }
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {}
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

/** A time as the probes send it (maya's RFC 3339), e.g. in "Prometheus query {…, 'time': '…'} failed". */
const SENT_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\dZ/g

/** For experiments with relative times: sample timestamps and the times quoted in failures differ. */
export const RELATIVE_TIMES: Normalizers = {
  output: withoutSampleTimes,
  exception: (line) => line.replace(SENT_TIME, '<time sent>'),
}

/** For experiments with fixed times: everything but volatile HTTP headers must match. */
export const FIXED_TIMES: Normalizers = { output: withoutVolatileHeaders, exception: (line) => line }
