import type { ActivityRun, Journal, SteadyState } from '@steadystate/model'
import { KubernetesApiError } from '../client/errors.ts'
import type { KubeClient } from '../client/rest.ts'
import { ANNOTATION, LABEL, MANAGED_BY, RECORD_JOURNAL_KEY, RECORD_KIND } from './names.ts'

/** A ConfigMap as the record uses it. */
export interface RecordObject {
  apiVersion?: string
  kind?: string
  metadata: {
    name: string
    namespace?: string
    resourceVersion?: string
    labels?: Record<string, string>
    annotations?: Record<string, string>
  }
  data?: Record<string, string>
}

/** What a record says besides its journal: who ran, where its lock is, when it expires. */
export interface RecordFacts {
  runId: string
  origin: string
  lease: string
  title: string
  startedAt: string
  expiresAt: string
}

/**
 * The run's journal as the record keeps it: everything `steadystate rollback` needs (the redacted
 * experiment, the progress, the options, which rollbacks succeeded), without the activities'
 * outputs and measurements, which can be large and are not needed to play rollbacks.
 */
export function recordJournal(journal: Journal): Journal {
  const bare = (run: ActivityRun): ActivityRun => ({ ...run, output: null })
  const state = (steady: SteadyState | null): SteadyState | null =>
    steady === null ? null : { ...steady, probes: steady.probes.map(bare) }
  return {
    ...journal,
    steady_states: {
      before: state(journal.steady_states.before),
      after: state(journal.steady_states.after),
      during: journal.steady_states.during.map(state),
    },
    run: journal.run.map(bare),
    rollbacks: journal.rollbacks.map(bare),
    ...(journal.steadystate === undefined
      ? {}
      : { steadystate: { ...journal.steadystate, measurements: [] } }),
  }
}

/** The names of the declared rollbacks that have not succeeded yet, for the record's annotation. */
function pendingNames(journal: Journal): string {
  const rollbacks: unknown[] = Array.isArray(journal.experiment.rollbacks) ? journal.experiment.rollbacks : []
  const done = journal.rollbacks.filter((run) => run.status === 'succeeded').map((run) => run.activity.name)
  const names = rollbacks.map((entry) =>
    entry !== null && typeof entry === 'object' && 'name' in entry && typeof entry.name === 'string'
      ? entry.name
      : entry !== null && typeof entry === 'object' && 'ref' in entry && typeof entry.ref === 'string'
        ? entry.ref
        : '(unnamed)',
  )
  for (const name of done) {
    const at = names.indexOf(name)
    if (at >= 0) names.splice(at, 1)
  }
  return names.join(', ')
}

/** The ConfigMap of a record, from its facts and the journal it keeps. */
export function recordObject(
  name: string,
  facts: RecordFacts,
  journal: Journal,
  abandonedAt?: string,
): RecordObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      labels: { ...MANAGED_BY, ...RECORD_KIND, [LABEL.lock]: facts.lease, [LABEL.runId]: facts.runId },
      annotations: {
        [ANNOTATION.title]: facts.title,
        [ANNOTATION.origin]: facts.origin,
        [ANNOTATION.startedAt]: facts.startedAt,
        [ANNOTATION.expiresAt]: facts.expiresAt,
        [ANNOTATION.pending]: pendingNames(journal),
        ...(abandonedAt === undefined ? {} : { [ANNOTATION.abandonedAt]: abandonedAt }),
      },
    },
    data: { [RECORD_JOURNAL_KEY]: JSON.stringify(recordJournal(journal)) },
  }
}

/** The facts a record's annotations and labels carry (undefined where one is missing). */
export function factsOf(record: RecordObject): Partial<RecordFacts> & { abandonedAt?: string } {
  const annotations = record.metadata.annotations ?? {}
  const labels = record.metadata.labels ?? {}
  return {
    ...(labels[LABEL.runId] === undefined ? {} : { runId: labels[LABEL.runId] }),
    ...(labels[LABEL.lock] === undefined ? {} : { lease: labels[LABEL.lock] }),
    ...(annotations[ANNOTATION.origin] === undefined ? {} : { origin: annotations[ANNOTATION.origin] }),
    ...(annotations[ANNOTATION.title] === undefined ? {} : { title: annotations[ANNOTATION.title] }),
    ...(annotations[ANNOTATION.startedAt] === undefined
      ? {}
      : { startedAt: annotations[ANNOTATION.startedAt] }),
    ...(annotations[ANNOTATION.expiresAt] === undefined
      ? {}
      : { expiresAt: annotations[ANNOTATION.expiresAt] }),
    ...(annotations[ANNOTATION.abandonedAt] === undefined
      ? {}
      : { abandonedAt: annotations[ANNOTATION.abandonedAt] }),
  }
}

/** The journal a record keeps, or why it cannot be read. */
export function journalOf(record: RecordObject): Journal | string {
  const text = record.data?.[RECORD_JOURNAL_KEY]
  if (text === undefined) return `it has no ${RECORD_JOURNAL_KEY}`
  try {
    const parsed = JSON.parse(text) as unknown
    if (
      parsed === null ||
      typeof parsed !== 'object' ||
      !('experiment' in parsed) ||
      !('rollbacks' in parsed)
    )
      return `its ${RECORD_JOURNAL_KEY} is not a journal`
    return parsed as Journal
  } catch (error) {
    return `its ${RECORD_JOURNAL_KEY} is not JSON: ${error instanceof Error ? error.message : String(error)}`
  }
}

/** The records of one namespace, through one client. */
export class RecordStore {
  constructor(
    readonly client: KubeClient,
    readonly namespace: string,
  ) {}

  private get collection(): string {
    return `/api/v1/namespaces/${this.namespace}/configmaps`
  }

  async create(record: RecordObject, signal: AbortSignal): Promise<void> {
    await this.client.request('POST', this.collection, { body: record, signal })
  }

  /** Replaces the record (last writer wins: only its run, or the one recovery holding the lock, writes). */
  async replace(record: RecordObject, signal: AbortSignal): Promise<void> {
    await this.client.request('PUT', `${this.collection}/${record.metadata.name}`, { body: record, signal })
  }

  async read(name: string, signal: AbortSignal): Promise<RecordObject | undefined> {
    try {
      return await this.client.request<RecordObject>('GET', `${this.collection}/${name}`, { signal })
    } catch (error) {
      if (error instanceof KubernetesApiError && error.isNotFound) return undefined
      throw error
    }
  }

  /** Deletes the record; true when it was there. */
  async delete(name: string, signal: AbortSignal): Promise<boolean> {
    try {
      await this.client.request('DELETE', `${this.collection}/${name}`, { signal })
      return true
    } catch (error) {
      if (error instanceof KubernetesApiError && error.isNotFound) return false
      throw error
    }
  }

  /** The records in this namespace matching a label selector. */
  async list(selector: string, signal: AbortSignal): Promise<RecordObject[]> {
    const list = await this.client.request<{ items?: RecordObject[] }>('GET', this.collection, {
      query: { labelSelector: selector },
      signal,
    })
    return list.items ?? []
  }
}
