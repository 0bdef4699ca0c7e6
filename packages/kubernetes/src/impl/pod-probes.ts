import { ActivityFailedError, compilePythonRegex, pythonSearch } from '@steadystate/core'
import type { V1Pod, V1PodList } from '@kubernetes/client-node'
import { bool, k8s, namespace, num, requiredStr, str, type K8sContext } from './context.ts'
import { parseSince } from './since.ts'

function podsPath(ns: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(ns)}/pods`
}

export async function listPods(
  context: K8sContext,
  ns: string,
  labelSelector: string | undefined,
): Promise<V1Pod[]> {
  const list = await context.client.request<V1PodList>('GET', podsPath(ns), {
    query: { labelSelector },
    signal: context.signal,
  })
  return list.items
}

function names(pods: V1Pod[]): string {
  return pods.map((pod) => `${pod.metadata?.name ?? ''} (${pod.status?.phase ?? 'Unknown'})`).join(', ')
}

/** Probes that raise on "false" unless told not to: the flag name differs per function. */
function verdict(ok: boolean, why: string, raise: boolean): boolean {
  if (ok) return true
  if (raise) throw new ActivityFailedError(why)
  return false
}

export const podsInPhase = k8s(async (args, context) => {
  const selector = requiredStr(args, 'label_selector')
  const phase = str(args, 'phase') ?? 'Running'
  const pods = await listPods(context, namespace(args), selector)
  const raise = bool(args, 'raise_on_invalid_phase', true)
  if (pods.length === 0)
    return verdict(
      false,
      `no pods matched label selector '${selector}' in namespace '${namespace(args)}'`,
      raise,
    )
  const others = pods.filter((pod) => pod.status?.phase !== phase)
  return verdict(others.length === 0, `pods not in phase ${phase}: ${names(others)}`, raise)
})

export const podsNotInPhase = k8s(async (args, context) => {
  const selector = requiredStr(args, 'label_selector')
  const phase = str(args, 'phase') ?? 'Running'
  const pods = await listPods(context, namespace(args), selector)
  const raise = bool(args, 'raise_on_in_phase', true)
  if (pods.length === 0)
    return verdict(
      false,
      `no pods matched label selector '${selector}' in namespace '${namespace(args)}'`,
      raise,
    )
  const inPhase = pods.filter((pod) => pod.status?.phase === phase)
  return verdict(inPhase.length === 0, `pods in phase ${phase}: ${names(inPhase)}`, raise)
})

export const podsInConditions = k8s(async (args, context) => {
  const selector = requiredStr(args, 'label_selector')
  const conditions = args.conditions
  if (!Array.isArray(conditions))
    throw new ActivityFailedError('conditions must be a list of {"type": …, "status": …}')
  const pods = await listPods(context, namespace(args), selector)
  const raise = bool(args, 'raise_on_invalid_conditions', true)
  if (pods.length === 0)
    return verdict(
      false,
      `no pods matched label selector '${selector}' in namespace '${namespace(args)}'`,
      raise,
    )
  for (const pod of pods) {
    for (const wanted of conditions as { type?: unknown; status?: unknown }[]) {
      const found = pod.status?.conditions?.find((condition) => condition.type === wanted.type)
      if (found?.status !== wanted.status) {
        return verdict(
          false,
          `pod ${pod.metadata?.name ?? ''} has ${String(wanted.type)}=${found?.status ?? 'missing'}, expected ${String(wanted.status)}`,
          raise,
        )
      }
    }
  }
  return true
})

export const countPods = k8s(async (args, context) => {
  const phase = str(args, 'phase')
  const pods = await listPods(context, namespace(args), requiredStr(args, 'label_selector'))
  return phase === undefined ? pods.length : pods.filter((pod) => pod.status?.phase === phase).length
})

export const countMinPods = k8s(async (args, context) => {
  const phase = str(args, 'phase') ?? 'Running'
  const minimum = num(args, 'min_count') ?? 2
  const pods = await listPods(context, namespace(args), requiredStr(args, 'label_selector'))
  return pods.filter((pod) => pod.status?.phase === phase).length >= minimum
})

export const podIsNotAvailable = k8s(async (args, context) => {
  const name = requiredStr(args, 'name')
  const selector = (str(args, 'label_selector') ?? 'name in ({name})').replaceAll('{name}', name)
  const running = (await listPods(context, namespace(args), selector)).filter(
    (pod) => pod.status?.phase === 'Running',
  )
  return verdict(
    running.length === 0,
    `pods are still running: ${names(running)}`,
    bool(args, 'raise_on_is_available', true),
  )
})

export const allPodsHealthy = k8s(async (args, context) => {
  const pods = await listPods(context, namespace(args), undefined)
  const unhealthy = pods.filter((pod) => pod.status?.phase !== 'Running' && pod.status?.phase !== 'Succeeded')
  return verdict(
    unhealthy.length === 0,
    `unhealthy pods: ${names(unhealthy)}`,
    bool(args, 'raise_on_any_unhealthy', true),
  )
})

/** Logs of the selected pods, keyed by pod name (the reference formats `{name}` into the selector). */
export const readPodLogs = k8s(async (args, context) => {
  const ns = namespace(args)
  const name = str(args, 'name')
  const template = str(args, 'label_selector') ?? 'name in ({name})'
  if (template.includes('{name}') && name === undefined)
    throw new ActivityFailedError("read_pod_logs needs 'name' for the label selector 'name in ({name})'")
  const selector = template.replaceAll('{name}', name ?? '')
  const last = str(args, 'last')
  const sinceSeconds = last === undefined ? undefined : parseSince(last)
  const logs: Record<string, string> = {}
  for (const pod of await listPods(context, ns, selector)) {
    const podName = pod.metadata?.name ?? ''
    logs[podName] = await context.client.requestText(`${podsPath(ns)}/${encodeURIComponent(podName)}/log`, {
      query: {
        container: str(args, 'container_name'),
        previous: bool(args, 'from_previous', false),
        timestamps: true,
        sinceSeconds,
      },
      signal: context.signal,
    })
  }
  return logs
})

/** Tolerance helper: the pattern is found in the logs `read_pod_logs` returned (in all, or any). */
export const shouldBeFoundInLogs = k8s((args) => {
  const pattern = requiredStr(args, 'pattern')
  const value = args.value
  if (value === null || typeof value !== 'object' || Object.keys(value).length === 0) {
    return Promise.reject(
      new ActivityFailedError(
        'should_be_found_in_logs needs the logs (the value of read_pod_logs), and got none',
      ),
    )
  }
  const compiled = compilePythonRegex(pattern)
  if (!compiled.ok) return Promise.reject(new ActivityFailedError(`pattern '${pattern}' ${compiled.message}`))
  const found = Object.values(value as Record<string, unknown>).map((text) =>
    pythonSearch(compiled.regex, String(text)),
  )
  return Promise.resolve(bool(args, 'all_containers', true) ? found.every(Boolean) : found.some(Boolean))
})
