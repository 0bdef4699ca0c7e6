import type { V1Pod } from '@kubernetes/client-node'
import { withDeadline } from '@steadystate/core'
import type { JsonValue } from '@steadystate/model'
import type { KubeClient } from '../client/rest.ts'
import { isReady } from '../select/pods.ts'

/** One terminated pod and what replaced it. Seconds are measured from the delete call's answer. */
export interface VictimRecovery {
  pod: string
  /** `ReplicaSet/web-5d9c`, or null for a pod nothing recreates. */
  owner: string | null
  deletedAt: string
  replacement: string | null
  /** Seen bound to a node (PodScheduled), in seconds after deletion. */
  scheduledSeconds: number | null
  /** Seen Ready, in seconds after deletion. */
  readySeconds: number | null
  /** The replacement's Ready condition time as the API server recorded it (second precision). */
  serverReadyAt: string | null
  recovered: boolean
}

export interface RecoveryReport {
  namespace: string
  victims: VictimRecovery[]
  /** Seconds until the last replacement was Ready, or null if one never was. */
  recoverySeconds: number | null
  unrecovered: string[]
  timedOut: boolean
}

interface Pending {
  victim: VictimRecovery
  ownerUid: string | undefined
  deletedAtMs: number
}

/**
 * Measures, per terminated pod, how long until its replacement (matched by owner reference: same
 * ReplicaSet, StatefulSet, …) is scheduled and Ready, from a watch that starts at the list's
 * resourceVersion so no event is missed. Ends when every replacement is Ready or at the deadline.
 */
export class RecoveryTracker {
  private readonly pending: Pending[] = []
  private readonly known: Set<string>
  private readonly claimed = new Set<string>()
  private readonly done: Promise<RecoveryReport>
  private resolveDone: (report: RecoveryReport) => void = () => undefined

  constructor(
    readonly namespace: string,
    knownUids: Iterable<string>,
  ) {
    this.known = new Set(knownUids)
    this.done = new Promise((resolve) => (this.resolveDone = resolve))
  }

  /** Records a pod the action deleted, at the moment the API confirmed the deletion. */
  addVictim(pod: V1Pod, deletedAtMs: number): void {
    const owner =
      pod.metadata?.ownerReferences?.find((reference) => reference.controller === true) ??
      pod.metadata?.ownerReferences?.[0]
    this.pending.push({
      ownerUid: owner?.uid,
      deletedAtMs,
      victim: {
        pod: pod.metadata?.name ?? '',
        owner: owner === undefined ? null : `${owner.kind}/${owner.name}`,
        deletedAt: new Date(deletedAtMs).toISOString(),
        replacement: null,
        scheduledSeconds: null,
        readySeconds: null,
        serverReadyAt: null,
        recovered: false,
      },
    })
  }

  get report(): Promise<RecoveryReport> {
    return this.done
  }

  /** Watches until every victim with an owner has a Ready replacement, or the deadline. */
  async run(
    client: KubeClient,
    resourceVersion: string | undefined,
    labelSelector: string | undefined,
    deadlineSeconds: number,
    signal: AbortSignal,
  ): Promise<RecoveryReport> {
    const window = withDeadline(signal, deadlineSeconds * 1000)
    const deadline = window.signal
    let version = resourceVersion
    const path = `/api/v1/namespaces/${encodeURIComponent(this.namespace)}/pods`
    while (!this.complete() && !deadline.aborted) {
      try {
        const outcome = await client.watch(
          path,
          { labelSelector, resourceVersion: version, timeoutSeconds: deadlineSeconds },
          (type, object) => {
            const pod = object as V1Pod
            if (type === 'BOOKMARK') version = pod.metadata?.resourceVersion ?? version
            else if (type === 'ADDED' || type === 'MODIFIED') this.observe(pod, Date.now())
            version = pod.metadata?.resourceVersion ?? version
            return this.complete()
          },
          deadline,
        )
        if (outcome === 'expired') version = undefined
      } catch {
        // The apiserver went away mid-watch (e.g. restarting): wait a moment and watch again.
        if (!deadline.aborted) await new Promise((resolve) => setTimeout(resolve, 500))
      }
    }
    window.clear()
    const report = this.finish(deadline.aborted && !this.complete())
    this.resolveDone(report)
    return report
  }

  private complete(): boolean {
    return this.pending.every((entry) => entry.ownerUid === undefined || entry.victim.recovered)
  }

  private observe(pod: V1Pod, atMs: number): void {
    const uid = pod.metadata?.uid
    if (uid === undefined || this.known.has(uid) || pod.metadata?.deletionTimestamp !== undefined) return
    const ownerUids = new Set(pod.metadata?.ownerReferences?.map((owner) => owner.uid) ?? [])
    let entry = this.pending.find(
      (candidate) => candidate.victim.replacement === pod.metadata?.name && this.claimed.has(uid),
    )
    if (entry === undefined && !this.claimed.has(uid)) {
      entry = this.pending.find(
        (candidate) =>
          candidate.victim.replacement === null &&
          candidate.ownerUid !== undefined &&
          ownerUids.has(candidate.ownerUid),
      )
      if (entry === undefined) return
      entry.victim.replacement = pod.metadata?.name ?? ''
      this.claimed.add(uid)
    }
    if (entry === undefined) return
    const elapsed = Math.max(0, (atMs - entry.deletedAtMs) / 1000)
    const scheduled =
      pod.spec?.nodeName !== undefined ||
      pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'True') === true
    if (scheduled && entry.victim.scheduledSeconds === null) entry.victim.scheduledSeconds = round(elapsed)
    if (isReady(pod) && !entry.victim.recovered) {
      entry.victim.readySeconds = round(elapsed)
      entry.victim.recovered = true
      const readyAt = pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime
      entry.victim.serverReadyAt = readyAt === undefined ? null : new Date(readyAt).toISOString()
    }
  }

  private finish(timedOut: boolean): RecoveryReport {
    const victims = this.pending.map((entry) => entry.victim)
    const unrecovered = victims
      .filter((victim) => victim.owner !== null && !victim.recovered)
      .map((victim) => victim.pod)
    const ready = victims
      .map((victim) => victim.readySeconds)
      .filter((seconds): seconds is number => seconds !== null)
    return {
      namespace: this.namespace,
      victims,
      recoverySeconds: unrecovered.length === 0 && ready.length > 0 ? Math.max(...ready) : null,
      unrecovered,
      timedOut,
    }
  }
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000
}

/** Trackers of this process, so `recovered_within` can wait for the ones a run started. */
export const recoveries: RecoveryTracker[] = []

export function reportToJson(report: RecoveryReport): JsonValue {
  return JSON.parse(JSON.stringify(report)) as JsonValue
}
