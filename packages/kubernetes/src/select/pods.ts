import { ActivityFailedError, compilePythonRegex, pythonSearch } from '@steadystate/core'
import type { V1Pod, V1PodList } from '@kubernetes/client-node'
import type { K8sContext } from '../impl/context.ts'
import { bool, namespace, str } from '../impl/context.ts'
import { checkBlastRadius, checkNamespace } from './guardrails.ts'
import { choose, parseChooseOptions, type Candidate } from './choose.ts'
import { freshSeed, seededRandom } from './random.ts'

export interface PodSelection {
  namespace: string
  labelSelector: string | undefined
  fieldSelector: string | undefined
  namePattern: string | undefined
  phase: string | undefined
  readyOnly: boolean
  ownerKind: string | undefined
}

export interface SelectedPods {
  victims: V1Pod[]
  /** Every pod the filters kept, before the mode picked victims among them. */
  candidates: V1Pod[]
  /** Every pod the list returned, so a recovery watch can tell new pods from old ones. */
  listedUids: string[]
  /** The list's resourceVersion: watches for recovery start from here. */
  resourceVersion: string | undefined
  seed: number
  /** One sentence: what was listed, what the filters kept, what was picked. */
  summary: string
}

export function isReady(pod: V1Pod): boolean {
  return (
    pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ??
    false
  )
}

function describeSelectors(selection: PodSelection): string {
  const parts = [`namespace '${selection.namespace}'`]
  if (selection.labelSelector !== undefined) parts.push(`label selector '${selection.labelSelector}'`)
  if (selection.fieldSelector !== undefined) parts.push(`field selector '${selection.fieldSelector}'`)
  return parts.join(', ')
}

export function parseSelection(args: Record<string, unknown>): PodSelection {
  return {
    namespace: namespace(args),
    labelSelector: str(args, 'label_selector'),
    fieldSelector: str(args, 'field_selector'),
    namePattern: str(args, 'name_pattern'),
    phase: str(args, 'phase'),
    readyOnly: bool(args, 'ready_only', false),
    ownerKind: str(args, 'owner_kind'),
  }
}

/**
 * The selection every pod action shares: list (one namespace, label and field selectors), filter
 * (name pattern searched as Python's re.search, phase, readiness, owner kind, not already
 * terminating), then pick by mode. Guardrails: no selector means no victims unless `all: true`;
 * protected namespaces; an empty match is an error that says which filter emptied it; blast caps.
 */
export async function selectPods(args: Record<string, unknown>, context: K8sContext): Promise<SelectedPods> {
  const selection = parseSelection(args)
  const options = parseChooseOptions(args)
  checkNamespace(selection.namespace, context.guardrails)
  if (
    selection.labelSelector === undefined &&
    selection.fieldSelector === undefined &&
    selection.namePattern === undefined &&
    !options.all
  ) {
    throw new ActivityFailedError(
      `no label_selector, field_selector or name_pattern: this would pick from every pod in namespace '${selection.namespace}'. ` +
        'Add a selector, or set "all": true to target them all on purpose',
    )
  }
  const pattern = selection.namePattern === undefined ? undefined : compilePythonRegex(selection.namePattern)
  if (pattern !== undefined && !pattern.ok)
    throw new ActivityFailedError(`name_pattern '${selection.namePattern}' ${pattern.message}`)
  const list = await context.client.request<V1PodList>(
    'GET',
    `/api/v1/namespaces/${encodeURIComponent(selection.namespace)}/pods`,
    {
      query: { labelSelector: selection.labelSelector, fieldSelector: selection.fieldSelector },
      signal: context.signal,
    },
  )
  const listed = list.items
  const steps: { what: string; pods: V1Pod[] }[] = []
  let pods = listed.filter((pod) => pod.metadata?.deletionTimestamp === undefined)
  steps.push({ what: 'are not already terminating', pods })
  if (pattern?.ok === true) {
    pods = pods.filter((pod) => pythonSearch(pattern.regex, pod.metadata?.name ?? ''))
    steps.push({ what: `match name_pattern '${selection.namePattern ?? ''}'`, pods })
  }
  if (selection.phase !== undefined) {
    pods = pods.filter((pod) => pod.status?.phase === selection.phase)
    steps.push({ what: `are in phase ${selection.phase}`, pods })
  }
  if (selection.readyOnly) {
    pods = pods.filter(isReady)
    steps.push({ what: 'are Ready', pods })
  }
  if (selection.ownerKind !== undefined) {
    pods = pods.filter(
      (pod) => pod.metadata?.ownerReferences?.some((owner) => owner.kind === selection.ownerKind) === true,
    )
    steps.push({ what: `are owned by a ${selection.ownerKind}`, pods })
  }
  if (pods.length === 0) throw new ActivityFailedError(explainEmpty(selection, listed, steps))
  const seed =
    options.rand || args.mode === 'random-max-percent' ? (context.guardrails.seed ?? freshSeed()) : 0
  const candidates = pods.map((pod) => ({
    pod,
    name: pod.metadata?.name ?? '',
    created: toIso(pod.metadata?.creationTimestamp),
  }))
  const victims = choose<Candidate & { pod: V1Pod }>(candidates, options, seededRandom(seed)).map(
    (candidate) => candidate.pod,
  )
  checkBlastRadius(victims.length, pods.length, options.all, context.guardrails)
  return {
    victims,
    candidates: pods,
    listedUids: listed.map((pod) => pod.metadata?.uid ?? ''),
    resourceVersion: list.metadata?.resourceVersion,
    seed,
    summary: `${describeSelectors(selection)} listed ${listed.length} pod(s); ${pods.length} matched the filters; picked ${victims.length}${options.rand ? ` at random (seed ${seed})` : ''}: ${victims.map((pod) => pod.metadata?.name ?? '').join(', ')}`,
  }
}

function explainEmpty(
  selection: PodSelection,
  listed: V1Pod[],
  steps: { what: string; pods: V1Pod[] }[],
): string {
  const where = describeSelectors(selection)
  if (listed.length === 0) return `no pod matched: ${where} found no pods, so no fault was injected`
  let before = listed
  for (const step of steps) {
    if (step.pods.length === 0) {
      const example = before[0]?.metadata?.name ?? ''
      return `${where} found ${listed.length} pod(s), but none ${step.what} (e.g. '${example}'), so no fault was injected`
    }
    before = step.pods
  }
  return `no pod matched in ${where}, so no fault was injected`
}

function toIso(value: Date | string | undefined): string {
  if (value === undefined) return ''
  return typeof value === 'string' ? value : value.toISOString()
}
