import type { V1Pod } from '@kubernetes/client-node'
import { sleep, withDeadline } from '@steadystate/core'
import type { JsonValue } from '@steadystate/model'
import type { KubeClient } from '../client/rest.ts'
import { isReady } from '../select/pods.ts'

/** The pause before watching again after the apiserver dropped the watch. */
const RETRY_MS = 500

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
  /** The measurement reached its deadline before every replacement was Ready. */
  timedOut: boolean
  /** The measurement was stopped (the run interrupted, or no longer waiting) before it was done. */
  interrupted: boolean
}

interface Pending {
  victim: VictimRecovery
  ownerUid: string | undefined
  deletedAtMs: number
  /** The uid of the pod taken as the replacement; released if that pod goes away before Ready. */
  replacementUid: string | undefined
}

/**
 * Measures, per terminated pod, how long until its replacement (matched by owner reference: same
 * ReplicaSet, StatefulSet, …) is scheduled and Ready, from a watch that starts at the list's
 * resourceVersion so no event is missed. Ends when every replacement is Ready, at the deadline, or
 * when its signal aborts.
 *
 * A controller may create a replacement and delete it again before it is Ready (a StatefulSet does
 * when it races its own view of the terminating pod): the victim is then free again, and the next
 * new pod of its owner is its replacement. Holding on to the first one kept runs waiting for a pod
 * that no longer existed until the deadline.
 */
export class RecoveryTracker {
  private readonly pending: Pending[] = []
  private readonly known: Set<string>
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
      replacementUid: undefined,
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
    try {
      while (!this.complete() && !deadline.aborted) {
        try {
          const outcome = await client.watch(
            path,
            { labelSelector, resourceVersion: version, timeoutSeconds: deadlineSeconds },
            (type, object) => {
              const pod = object as V1Pod
              this.handle(type, pod, Date.now())
              version = pod.metadata?.resourceVersion ?? version
              return this.complete()
            },
            deadline,
          )
          if (outcome === 'expired') version = undefined
        } catch {
          // The apiserver went away mid-watch (e.g. restarting): wait a moment and watch again.
          await sleep(RETRY_MS, deadline)
        }
      }
    } finally {
      window.clear()
    }
    const unfinished = !this.complete()
    const report = this.finish(
      unfinished && deadline.aborted && !signal.aborted,
      unfinished && signal.aborted,
    )
    this.resolveDone(report)
    return report
  }

  /** One watch event (exposed for tests: the order of events is what decides a replacement). */
  handle(type: string, pod: V1Pod, atMs: number): void {
    if (type === 'ADDED' || type === 'MODIFIED') this.observe(pod, atMs)
    else if (type === 'DELETED') this.release(pod)
  }

  complete(): boolean {
    return this.pending.every((entry) => entry.ownerUid === undefined || entry.victim.recovered)
  }

  private observe(pod: V1Pod, atMs: number): void {
    const uid = pod.metadata?.uid
    if (uid === undefined || this.known.has(uid)) return
    if (pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null) {
      this.release(pod)
      return
    }
    const entry = this.pending.find((candidate) => candidate.replacementUid === uid) ?? this.claim(pod, uid)
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

  /** A new pod of a victim's owner becomes the replacement of the first victim still without one. */
  private claim(pod: V1Pod, uid: string): Pending | undefined {
    const ownerUids = new Set(pod.metadata?.ownerReferences?.map((owner) => owner.uid) ?? [])
    const entry = this.pending.find(
      (candidate) =>
        candidate.replacementUid === undefined &&
        candidate.ownerUid !== undefined &&
        ownerUids.has(candidate.ownerUid),
    )
    if (entry === undefined) return undefined
    entry.replacementUid = uid
    entry.victim.replacement = pod.metadata?.name ?? ''
    return entry
  }

  /** A replacement that goes away before it is Ready frees its victim for the next new pod. */
  private release(pod: V1Pod): void {
    const entry = this.pending.find((candidate) => candidate.replacementUid === pod.metadata?.uid)
    if (entry === undefined || entry.victim.recovered) return
    entry.replacementUid = undefined
    entry.victim.replacement = null
    entry.victim.scheduledSeconds = null
  }

  private finish(timedOut: boolean, interrupted: boolean): RecoveryReport {
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
      interrupted,
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
