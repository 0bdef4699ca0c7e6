import { errorMessage, type SafeguardOpening, type SafeguardRequest } from '@steadystate/core'
import type { ClusterRecords, Journal } from '@steadystate/model'
import { clientOf, homeNamespace, recoveryHolder, releaseAll } from './connect.ts'
import { KubernetesSafeguard, type GuardedTarget } from './kubernetes-safeguard.ts'
import { LeaseLock } from './lease-lock.ts'
import { describeHolder } from './lease-view.ts'
import { factsOf, RecordStore, type RecordFacts } from './record.ts'
import type { ClusterSafeguardSettings } from './settings.ts'
import type { Connection, Target } from './targets.ts'

/**
 * A recovery's safeguards (`steadystate rollback`, `steadystate recover`): the locks the run held,
 * taken over from it (it stopped; if it is somehow alive, it notices and stops), so no new run starts
 * while its rollbacks play, and no second recovery plays them at the same time; and its records,
 * kept up to date and deleted once every rollback has succeeded.
 */
export async function openForRecovery(
  request: SafeguardRequest,
  settings: ClusterSafeguardSettings,
  journal: Journal,
  targets: readonly Target[],
): Promise<SafeguardOpening> {
  const entry = journal.steadystate?.cluster
  if (entry === undefined || entry.records.length === 0) return { kind: 'not-applicable' }
  const me = recoveryHolder(settings.origin, entry.runId)
  const taken: GuardedTarget[] = []
  let current = `the locks of run ${entry.runId}`
  try {
    const guarded = entry.records.map((ref) => {
      const client = clientOf(request, connectionFor(request, targets, ref.namespace))
      return {
        namespace: ref.namespace,
        lock: new LeaseLock(client, ref.namespace, ref.lease, me, settings.leaseSeconds),
        store: new RecordStore(client, ref.namespace),
        record: ref.configMap,
        kept: false,
      }
    })
    let found: RecordFacts | undefined
    for (const target of guarded) {
      current = target.lock.describe()
      const acquisition = await target.lock.acquire({
        waitSeconds: 0,
        takeoverFrom: entry.runId,
        signal: request.signal,
        log: request.log,
      })
      if (acquisition.kind !== 'held') {
        await releaseAll(taken)
        return {
          kind: 'refused',
          code: 'LOCKED',
          message:
            acquisition.kind === 'busy'
              ? `${current} is held by ${describeHolder(acquisition.view)}: another recovery of this run, or another run, is at work there, so nothing was played. Try again once it has ended`
              : `interrupted while taking ${current}; nothing was played`,
        }
      }
      taken.push(target)
      if (acquisition.tookOver !== undefined) request.log.info(acquisition.tookOver)
      const record = await target.store.read(target.record, request.signal)
      target.kept = record !== undefined
      if (record === undefined)
        request.log.info(
          `no record of run ${entry.runId} in namespace ${target.namespace} (already recovered, or the run stopped before keeping it): playing the rollbacks anyway`,
        )
      else found ??= complete(factsOf(record), entry, journal)
    }
    const facts = found ?? complete({}, entry, journal)
    return { kind: 'held', safeguard: new KubernetesSafeguard(guarded, entry, facts, request.log) }
  } catch (error) {
    await releaseAll(taken)
    return {
      kind: 'refused',
      code: 'LOCK_UNAVAILABLE',
      message: `cannot take ${current}: ${errorMessage(error)}; nothing was played`,
    }
  }
}

/** The connection the run's activities used for a namespace, else the environment's. */
function connectionFor(
  request: Pick<SafeguardRequest, 'env' | 'log' | 'resources'>,
  targets: readonly Target[],
  namespace: string,
): Connection {
  const direct = targets.find((target) => target.namespace === namespace)
  if (direct !== undefined) return direct.connection
  const home = targets.find(
    (target) =>
      target.namespace === undefined &&
      homeNamespace(clientOf(request, target.connection), request.env) === namespace,
  )
  return home?.connection ?? { secrets: {}, key: '{}' }
}

function complete(facts: Partial<RecordFacts>, entry: ClusterRecords, journal: Journal): RecordFacts {
  return {
    runId: facts.runId ?? entry.runId,
    origin: facts.origin ?? entry.origin,
    lease: facts.lease ?? entry.records[0]?.lease ?? '',
    title: facts.title ?? (typeof journal.experiment.title === 'string' ? journal.experiment.title : ''),
    startedAt: facts.startedAt ?? journal.start,
    expiresAt: facts.expiresAt ?? journal.start,
  }
}
