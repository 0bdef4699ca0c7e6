/** The parts of a pod draining looks at (a V1Pod fits). */
export interface DrainablePod {
  metadata?: {
    name?: string
    namespace?: string
    annotations?: Record<string, string>
    ownerReferences?: { kind: string; controller?: boolean }[]
  }
  spec?: { volumes?: { emptyDir?: object }[] }
  status?: { phase?: string }
}

/** What draining does with the pods of one node. */
export interface DrainPlan<T extends DrainablePod> {
  evict: T[]
  /** Pods left in place, each with why ("ns/name: DaemonSet pod"). */
  skipped: string[]
  /** Pods no controller would recreate: draining refuses them, like the reference. */
  unmanaged: string[]
}

export function podRef(pod: DrainablePod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`
}

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror'

/**
 * Decides, pod by pod, what `kubectl drain --ignore-daemonsets` (plus `--delete-emptydir-data` when
 * `deleteLocalStorage`) would do, in the reference's spirit:
 * - mirror pods (static pods the kubelet owns) are left alone;
 * - DaemonSet pods are left alone (their controller ignores cordons, so evicting them is pointless);
 * - pods that finished (Succeeded, Failed) are evicted: nothing is lost;
 * - pods with emptyDir volumes are left alone unless `deleteLocalStorage` (their data would go);
 * - pods with a controller (ReplicaSet, StatefulSet, Job, …) are evicted;
 * - anything else is unmanaged: evicting it would delete it for good.
 */
export function planDrain<T extends DrainablePod>(
  pods: readonly T[],
  deleteLocalStorage: boolean,
): DrainPlan<T> {
  const plan: DrainPlan<T> = { evict: [], skipped: [], unmanaged: [] }
  for (const pod of pods) {
    const controller = pod.metadata?.ownerReferences?.find((owner) => owner.controller === true)
    const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
    const localStorage = pod.spec?.volumes?.some((volume) => volume.emptyDir !== undefined) ?? false
    if (pod.metadata?.annotations?.[MIRROR_ANNOTATION] !== undefined) {
      plan.skipped.push(`${podRef(pod)}: mirror pod`)
    } else if (controller?.kind === 'DaemonSet') {
      plan.skipped.push(`${podRef(pod)}: DaemonSet pod`)
    } else if (finished) {
      plan.evict.push(pod)
    } else if (localStorage && !deleteLocalStorage) {
      plan.skipped.push(`${podRef(pod)}: local storage (set delete_pods_with_local_storage to evict it)`)
    } else if (controller !== undefined) {
      plan.evict.push(pod)
    } else {
      plan.unmanaged.push(podRef(pod))
    }
  }
  return plan
}
