import {
  errorMessage,
  withDeadline,
  type Safeguard,
  type SafeguardLog,
  type StopRequest,
} from '@steadystate/core'
import type { ClusterRecords, Journal } from '@steadystate/model'
import type { KillSwitchWatch } from './kill-switch-watch.ts'
import { LeaseRenewal, type LeaseLock } from './lease-lock.ts'
import { recordObject, type RecordFacts, type RecordStore } from './record.ts'

/** One namespace a run works in: its lock there, and its record there. */
export interface GuardedTarget {
  namespace: string
  lock: LeaseLock
  store: RecordStore
  /** The record's ConfigMap name. */
  record: string
  /** Whether the record exists: created by the run, or found by the recovery. */
  kept: boolean
}

/** How long one write of a record or a lock may take (the client retries within it). */
const WRITE_DEADLINE_MS = 30_000

/**
 * The Kubernetes safeguards of one run or recovery, once its locks are held: the record of pending
 * rollbacks in each target namespace (a ConfigMap), kept up to date as rollbacks succeed and deleted
 * when none is pending any more, and the locks (Leases), renewed until the end, then released.
 */
export class KubernetesSafeguard implements Safeguard {
  private readonly renewals: LeaseRenewal[]
  private readonly lostController = new AbortController()
  private writes: Promise<void> = Promise.resolve()
  private lastWritten = ''

  constructor(
    private readonly targets: GuardedTarget[],
    readonly journalEntry: ClusterRecords,
    /** The record's facts, from the journal when they are first needed (see `beforeMethod`). */
    private facts: ((journal: Journal) => RecordFacts) | RecordFacts,
    private readonly log: SafeguardLog,
    /** The run's kill switches, read while it goes on (none for a recovery: undoing stays possible). */
    private readonly killSwitch?: KillSwitchWatch,
  ) {
    this.renewals = targets.map((target) => new LeaseRenewal(target.lock))
    for (const renewal of this.renewals)
      renewal.lost.addEventListener('abort', () => this.lostController.abort(renewal.lost.reason), {
        once: true,
      })
  }

  get lost(): AbortSignal {
    return this.lostController.signal
  }

  onStop(listener: (request: StopRequest) => void): void {
    this.killSwitch?.onStop(listener)
  }

  async beforeMethod(checkpoint: Journal): Promise<string | undefined> {
    if (checkpoint.steadystate?.progress?.rollbacksPending !== true) return undefined
    const facts = this.factsFor(checkpoint)
    for (const target of this.targets) {
      const deadline = withDeadline(new AbortController().signal, WRITE_DEADLINE_MS)
      try {
        await target.store.create(recordObject(target.record, facts, checkpoint), deadline.signal)
        target.kept = true
        this.log.info(
          `record of pending rollbacks kept in the cluster: ConfigMap ${target.record} in namespace ${target.namespace} (steadystate recover plays them if this runner vanishes)`,
        )
      } catch (error) {
        return `ConfigMap ${target.record} in namespace ${target.namespace}: ${errorMessage(error)}. Grant configmaps (deploy/rbac/README.md), or run with --no-cluster-record to run without the record and the lock`
      } finally {
        deadline.clear()
      }
    }
    this.lastWritten = signature(checkpoint)
    return undefined
  }

  observe(journal: Journal): void {
    const now = signature(journal)
    if (now === this.lastWritten || !this.targets.some((target) => target.kept)) return
    if (journal.steadystate?.progress === undefined) return // the final journal: `close` decides
    this.lastWritten = now
    this.writes = this.writes.then(() => this.rewrite(journal))
  }

  async close(final: Journal | undefined): Promise<void> {
    await this.killSwitch?.stop()
    await Promise.all(this.renewals.map((renewal) => renewal.stop()))
    await this.writes
    const pending = final === undefined || final.steadystate?.progress?.rollbacksPending === true
    if (final !== undefined && pending) await this.rewrite(final, new Date().toISOString())
    for (const target of this.targets) {
      if (!pending && target.kept)
        await this.attempt(
          `delete the record ${target.record} in namespace ${target.namespace} (steadystate recover would play its rollbacks again: delete it with kubectl once the system is checked)`,
          (signal) => target.store.delete(target.record, signal),
        )
      await this.attempt(`release ${target.lock.describe()} (it expires on its own)`, (signal) =>
        target.lock.release(signal),
      )
    }
    if (pending && this.targets.some((target) => target.kept))
      this.log.warn(
        `rollbacks are still pending: their record stays in the cluster (${this.targets.map((t) => `${t.namespace}/${t.record}`).join(', ')}) for steadystate recover`,
      )
  }

  private factsFor(journal: Journal): RecordFacts {
    if (typeof this.facts === 'function') this.facts = this.facts(journal)
    return this.facts
  }

  /** Rewrites every kept record from this journal (a failure is said, never thrown). */
  private async rewrite(journal: Journal, abandonedAt?: string): Promise<void> {
    const facts = this.factsFor(journal)
    for (const target of this.targets.filter((candidate) => candidate.kept)) {
      await this.attempt(`update ConfigMap ${target.record} in namespace ${target.namespace}`, (signal) =>
        target.store.replace(recordObject(target.record, facts, journal, abandonedAt), signal),
      )
    }
  }

  private async attempt(what: string, write: (signal: AbortSignal) => Promise<unknown>): Promise<void> {
    const deadline = withDeadline(new AbortController().signal, WRITE_DEADLINE_MS)
    try {
      await write(deadline.signal)
    } catch (error) {
      this.log.warn(`could not ${what}: ${errorMessage(error)}`)
    } finally {
      deadline.clear()
    }
  }
}

/** What a record must reflect: whether rollbacks are pending, and which succeeded. */
function signature(journal: Journal): string {
  return JSON.stringify([
    journal.steadystate?.progress?.rollbacksPending ?? false,
    journal.rollbacks.filter((run) => run.status === 'succeeded').map((run) => run.activity.name),
  ])
}
