import { ActivityFailedError, assertNever } from '@steadystate/core'
import { checkBlastRadius } from '../select/guardrails.ts'
import type { K8sContext } from './context.ts'
import type { ChaosObject } from './chaosmesh-object.ts'
import type { PodSelectorSpec, SelectorMode } from './chaosmesh-selectors.ts'
import { describePods } from './chaosmesh-summary.ts'
import { listObjects, POD } from './objects.ts'

interface CandidatePod {
  metadata?: { name?: string; annotations?: Record<string, string>; deletionTimestamp?: string }
}

/** How many of `candidates` pods a Chaos Mesh mode picks (the most, for random-max-percent). */
export function affectedCount(mode: SelectorMode, value: string | undefined, candidates: number): number {
  const number = Number(value ?? 0)
  switch (mode) {
    case 'one':
      return Math.min(1, candidates)
    case 'all':
      return candidates
    case 'fixed':
      return Math.min(number, candidates)
    case 'fixed-percent':
    case 'random-max-percent':
      return Math.floor((candidates * number) / 100)
    default:
      return assertNever(mode, 'mode')
  }
}

function annotated(pod: CandidatePod, wanted: Record<string, string> | undefined): boolean {
  const annotations = pod.metadata?.annotations ?? {}
  return Object.entries(wanted ?? {}).every(([key, value]) => annotations[key] === value)
}

/**
 * The pods a fault would reach, counted before it is created, as Chaos Mesh will select them
 * (selector namespaces, else the object's; labels; annotations; pods not being deleted). A fault
 * that would reach no pod fails (nothing would be injected, and the experiment must not say it
 * was); one that would reach more than the guardrails allow (`max_pods`, and `max_percent` unless
 * mode is "all") is refused, as pod terminations are. Returns "1 of 4 matching pods", for the log.
 */
export async function checkSelection(context: K8sContext, object: ChaosObject): Promise<string> {
  const spec = object.spec as { selector: PodSelectorSpec; mode: SelectorMode; value?: string }
  const namespaces = spec.selector.namespaces ?? [object.metadata.namespace]
  const labels = Object.entries(spec.selector.labelSelectors ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',')
  const lists = await Promise.all(
    namespaces.map((ns) =>
      listObjects<CandidatePod>(context, POD, ns, labels === '' ? {} : { labelSelector: labels }),
    ),
  )
  const pods = lists
    .flat()
    .filter((pod) => pod.metadata?.deletionTimestamp === undefined)
    .filter((pod) => annotated(pod, spec.selector.annotationSelectors))
  const affected = affectedCount(spec.mode, spec.value, pods.length)
  if (affected === 0) {
    const who = describePods(spec, object.metadata.namespace)
    throw new ActivityFailedError(
      pods.length === 0
        ? `the fault is for ${who}, but no pod matches: nothing would be injected`
        : `the fault is for ${who}: 0 of the ${pods.length} matching pods, so nothing would be injected`,
    )
  }
  checkBlastRadius(affected, pods.length, spec.mode === 'all', context.guardrails, {
    verb: 'affect',
    everyPod: 'mode "all"',
  })
  return `${affected} of ${pods.length} matching pod(s)`
}
