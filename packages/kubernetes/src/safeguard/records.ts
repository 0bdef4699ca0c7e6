import type { Journal } from '@steadystate/model'
import { loadKubeConfig } from '../client/kubeconfig.ts'
import { KubeClient } from '../client/rest.ts'
import { homeNamespace } from './connect.ts'
import { readLease } from './lease-lock.ts'
import { viewLease } from './lease-view.ts'
import { liveness, type Liveness } from './liveness.ts'
import { RECORD_SELECTOR } from './names.ts'
import { factsOf, journalOf, RecordStore, type RecordFacts, type RecordObject } from './record.ts'

/** A run's record found in the cluster, with whether its run is alive. */
export interface FoundRecord {
  namespace: string
  /** The ConfigMap's name. */
  name: string
  facts: Partial<RecordFacts> & { abandonedAt?: string }
  /** The journal it keeps, or why it cannot be read. */
  journal: Journal | string
  liveness: Liveness
}

export interface FindOptions {
  env: Readonly<Record<string, string | undefined>>
  /** Undefined: the home namespace (the kubeconfig context's, the pod's, else `default`). */
  namespace: string | undefined
  allNamespaces: boolean
  signal: AbortSignal
  log: (message: string) => void
}

/** Every run record in a namespace (or all), oldest first, each with its lock read. */
export async function findRunRecords(
  options: FindOptions,
): Promise<{ where: string; records: FoundRecord[] }> {
  const { config, source } = loadKubeConfig(options.env)
  const client = new KubeClient(config, options.log)
  const namespace = options.allNamespaces
    ? undefined
    : (options.namespace ?? homeNamespace(client, options.env))
  const path = namespace === undefined ? '/api/v1/configmaps' : `/api/v1/namespaces/${namespace}/configmaps`
  const list = await client.request<{ items?: RecordObject[] }>('GET', path, {
    query: { labelSelector: RECORD_SELECTOR },
    signal: options.signal,
  })
  const records: FoundRecord[] = []
  for (const object of list.items ?? []) {
    const where = object.metadata.namespace ?? namespace ?? 'default'
    const facts = factsOf(object)
    const lease =
      facts.lease === undefined ? undefined : await readLease(client, where, facts.lease, options.signal)
    records.push({
      namespace: where,
      name: object.metadata.name,
      facts,
      journal: journalOf(object),
      liveness: liveness(facts, viewLease(lease, Date.now()), Date.now()),
    })
  }
  records.sort((a, b) => (a.facts.startedAt ?? '').localeCompare(b.facts.startedAt ?? ''))
  const scope = namespace === undefined ? 'all namespaces' : `namespace ${namespace}`
  return { where: `${scope} of ${client.server} (${source})`, records }
}

/** Deletes a record whose rollbacks are not pending any more (its run ended between two writes). */
export async function deleteRunRecord(
  env: Readonly<Record<string, string | undefined>>,
  record: Pick<FoundRecord, 'namespace' | 'name'>,
  signal: AbortSignal,
): Promise<boolean> {
  const { config } = loadKubeConfig(env)
  return new RecordStore(new KubeClient(config), record.namespace).delete(record.name, signal)
}
