import { errorMessage, type SafeguardOpening, type SafeguardRequest } from '@steadystate/core'
import type { ErrorCode, Journal } from '@steadystate/model'
import { guardTargets, releaseAll } from './connect.ts'
import { KubernetesSafeguard, type GuardedTarget } from './kubernetes-safeguard.ts'
import { describeHolder } from './lease-view.ts'
import { LABEL, lockNameFor, RECORD_SELECTOR, recordName } from './names.ts'
import { factsOf } from './record.ts'
import type { ClusterSafeguardSettings } from './settings.ts'
import type { Target } from './targets.ts'
import type { KillSwitchWatch } from './kill-switch-watch.ts'

/**
 * A run's safeguards: its lock in every namespace its Kubernetes actions target, taken before the
 * first phase (waiting up to `lockTimeoutSeconds` for another run to finish, taking over a lock whose
 * holder stopped renewing it), and no record left behind by an earlier run of the same lock, whose
 * rollbacks would otherwise meet this run's fault. The records themselves come before the method.
 */
export async function openForRun(
  request: SafeguardRequest,
  settings: ClusterSafeguardSettings,
  targets: readonly Target[],
  killSwitch: KillSwitchWatch | undefined,
): Promise<SafeguardOpening> {
  const title = typeof request.experiment.title === 'string' ? request.experiment.title : ''
  const lease = settings.lock ?? lockNameFor(title)
  const me = { id: settings.runId, origin: settings.origin }
  const taken: GuardedTarget[] = []
  let current = `take the lock ${lease}`
  try {
    const guarded = guardTargets(
      request,
      targets,
      lease,
      me,
      settings.leaseSeconds,
      recordName(settings.runId),
    )
    for (const target of guarded) {
      current = `take ${target.lock.describe()}`
      const acquisition = await target.lock.acquire({
        waitSeconds: settings.lockTimeoutSeconds,
        signal: request.signal,
        log: request.log,
      })
      if (acquisition.kind !== 'held') {
        await releaseAll(taken)
        return acquisition.kind === 'busy'
          ? refused(
              'LOCKED',
              `${target.lock.describe()} is held by ${describeHolder(acquisition.view)}: another run of this experiment is at work in namespace ${target.namespace}, so nothing was run. Wait for it with --lock-timeout SECS, or name another lock with --lock NAME`,
            )
          : refused('INTERRUPTED', `interrupted while waiting for ${target.lock.describe()}; nothing was run`)
      }
      taken.push(target)
      if (acquisition.tookOver === undefined) request.log.info(`lock taken: ${target.lock.describe()}`)
      else request.log.warn(acquisition.tookOver)
    }
    for (const target of guarded) {
      current = `list the run records of namespace ${target.namespace}`
      const left = (
        await target.store.list(`${RECORD_SELECTOR},${LABEL.lock}=${lease}`, request.signal)
      ).filter((record) => factsOf(record).runId !== me.id)
      if (left.length > 0) {
        await releaseAll(taken)
        return refused('PENDING_ROLLBACKS', leftBehindMessage(target.namespace, left.map(factsOf), lease))
      }
    }
    const entry = { runId: me.id, origin: me.origin, records: guarded.map(reference(lease)) }
    const facts = (journal: Journal) => ({
      runId: me.id,
      origin: me.origin,
      lease,
      title: typeof journal.experiment.title === 'string' ? journal.experiment.title : title,
      startedAt: journal.start,
      expiresAt: new Date(Date.parse(journal.start) + settings.expirySeconds * 1000).toISOString(),
    })
    return {
      kind: 'held',
      safeguard: new KubernetesSafeguard(guarded, entry, facts, request.log, killSwitch),
    }
  } catch (error) {
    await releaseAll(taken)
    return refused(
      'LOCK_UNAVAILABLE',
      `cannot ${current}: ${errorMessage(error)}. Grant leases and configmaps (deploy/rbac/README.md), or run with --no-cluster-record to run without the record and the lock; nothing was run`,
    )
  }
}

function refused(code: ErrorCode, message: string): SafeguardOpening {
  return { kind: 'refused', code, message }
}

function reference(lease: string) {
  return (target: GuardedTarget) => ({ namespace: target.namespace, configMap: target.record, lease })
}

function leftBehindMessage(namespace: string, records: ReturnType<typeof factsOf>[], lease: string): string {
  const runs = records
    .map(
      (facts) =>
        `run ${facts.runId ?? '?'} (${facts.origin ?? 'origin unknown'}, started ${facts.startedAt ?? '?'})`,
    )
    .join('; ')
  return `${runs} left rollbacks pending in namespace ${namespace} (lock ${lease}), so nothing was run: this run's fault would meet theirs. Play them first with \`steadystate recover --namespace ${namespace}\` (with this experiment's --var/--var-file, or --experiment)`
}
