import { isRecord } from '@steadystate/model'
import { ActivityFailedError } from '@steadystate/core'
import type { PrometheusAnswer, PrometheusClient } from './prometheus-client.ts'
import { samplesOf, type Sample } from './result.ts'

/** A successful query answer: the API's JSON as returned, and its samples read as numbers. */
export interface QueryAnswer {
  response: Record<string, unknown>
  samples: Sample[]
}

/** Prometheus answered, but not with a result: a bad query, an evaluation error or timeout. */
export class PrometheusQueryError extends ActivityFailedError {
  readonly status: number
  constructor(message: string, status: number) {
    super(message)
    this.name = 'PrometheusQueryError'
    this.status = status
  }
}

/** An instant query (`/api/v1/query`), at `time` when given (else Prometheus's now). */
export async function instantQuery(
  client: PrometheusClient,
  query: string,
  options: { time?: Date; timeoutSeconds?: number } = {},
): Promise<QueryAnswer> {
  const params: [string, string][] = [['query', query]]
  if (options.timeoutSeconds !== undefined) params.push(['timeout', String(options.timeoutSeconds)])
  if (options.time !== undefined) params.push(['time', String(options.time.getTime() / 1000)])
  return read(client, query, await client.get('/api/v1/query', params))
}

/** A range query (`/api/v1/query_range`) from `start` to `end`, one point every `stepSeconds`. */
export async function rangeQuery(
  client: PrometheusClient,
  query: string,
  options: { start: Date; end: Date; stepSeconds: number; timeoutSeconds?: number },
): Promise<QueryAnswer> {
  const params: [string, string][] = [
    ['query', query],
    ['start', String(options.start.getTime() / 1000)],
    ['end', String(options.end.getTime() / 1000)],
    ['step', String(options.stepSeconds)],
  ]
  if (options.timeoutSeconds !== undefined) params.push(['timeout', String(options.timeoutSeconds)])
  return read(client, query, await client.get('/api/v1/query_range', params))
}

function read(client: PrometheusClient, query: string, answer: PrometheusAnswer): QueryAnswer {
  const body = answer.status === 200 ? client.json(answer) : tryJson(answer.text)
  const record = isRecord(body) ? body : undefined
  if (answer.status !== 200 || record === undefined || record.status !== 'success') {
    const reason = record === undefined ? answer.text.slice(0, 300) : prometheusError(record)
    throw new PrometheusQueryError(
      `Prometheus (${answer.url.split('?')[0] ?? answer.url}) did not run the query ${JSON.stringify(query)}: ` +
        `HTTP ${answer.status}, ${reason}`,
      answer.status,
    )
  }
  const samples = samplesOf(record)
  if (samples === undefined)
    throw new PrometheusQueryError(
      `Prometheus answered the query ${JSON.stringify(query)} with no result data`,
      200,
    )
  return { response: record, samples }
}

function prometheusError(body: Record<string, unknown>): string {
  const { errorType, error } = body
  const kind = typeof errorType === 'string' ? `${errorType}: ` : ''
  return typeof error === 'string' ? `${kind}${error}` : JSON.stringify(body)
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
