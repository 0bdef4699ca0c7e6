/**
 * The Prometheus HTTP API's query results (`/api/v1/query`, `/api/v1/query_range`), read as numbers:
 * what numeric tolerances judge, and what a report can chart.
 */
import { isRecord } from '@steadystate/model'

export type Labels = Record<string, string>

/** One sample: its series' labels, when (Unix seconds) and the value (NaN and ±Inf included). */
export interface Sample {
  labels: Labels
  timestamp: number
  value: number
}

export type ResultType = 'vector' | 'matrix' | 'scalar' | 'string'

/**
 * The samples of a query response as the API returns it (`{"status": "success", "data": {...}}`), of
 * its `data` alone, or undefined when the value is neither. Strings (`resultType: string`) have no
 * samples. Every point of every series of a range result is a sample.
 */
export function samplesOf(value: unknown): Sample[] | undefined {
  const data = isRecord(value) && isRecord(value.data) ? value.data : value
  if (!isRecord(data) || typeof data.resultType !== 'string') return undefined
  const result = data.result
  switch (data.resultType) {
    case 'scalar': {
      const sample = point({}, result)
      return sample === undefined ? undefined : [sample]
    }
    case 'string':
      return []
    case 'vector':
      return seriesSamples(result, (series) => [series.value])
    case 'matrix':
      return seriesSamples(result, (series) => (Array.isArray(series.values) ? series.values : []))
    default:
      return undefined
  }
}

function seriesSamples(
  result: unknown,
  points: (series: Record<string, unknown>) => unknown[],
): Sample[] | undefined {
  if (!Array.isArray(result)) return undefined
  const samples: Sample[] = []
  for (const series of result) {
    if (!isRecord(series)) return undefined
    const labels = isRecord(series.metric) ? stringLabels(series.metric) : {}
    for (const raw of points(series)) {
      const sample = point(labels, raw)
      if (sample === undefined) return undefined
      samples.push(sample)
    }
  }
  return samples
}

function point(labels: Labels, raw: unknown): Sample | undefined {
  if (!Array.isArray(raw) || raw.length !== 2) return undefined
  const [timestamp, text] = raw as [unknown, unknown]
  if (typeof timestamp !== 'number' || typeof text !== 'string') return undefined
  return { labels, timestamp, value: sampleValue(text) }
}

/** Prometheus writes values as Go formats floats: `1`, `0.25`, `1e-05`, `NaN`, `+Inf`, `-Inf`. */
export function sampleValue(text: string): number {
  switch (text) {
    case '+Inf':
      return Number.POSITIVE_INFINITY
    case '-Inf':
      return Number.NEGATIVE_INFINITY
    default:
      return text.trim() === '' ? Number.NaN : Number(text)
  }
}

/** A series as PromQL writes it: `fixture_error_ratio{service="checkout"}`. */
export function seriesName(labels: Labels): string {
  const { __name__: name = '', ...rest } = labels
  const pairs = Object.entries(rest).map(([key, value]) => `${key}=${JSON.stringify(value)}`)
  return pairs.length === 0 && name !== '' ? name : `${name}{${pairs.join(', ')}}`
}

function stringLabels(metric: Record<string, unknown>): Labels {
  const labels: Labels = {}
  for (const [key, value] of Object.entries(metric)) if (typeof value === 'string') labels[key] = value
  return labels
}
