import { KubernetesApiError } from '../client/errors.ts'
import type { KubeClient } from '../client/rest.ts'

/**
 * The Kubernetes kill switch: one key of one ConfigMap. While it is set, runs in its scope stop and
 * new ones are refused (AWS FIS's safety lever, Steadybit's emergency stop, without a SaaS). Pull
 * and release it with `steadystate kill-switch set|clear`, or with kubectl.
 */
export const KILL_SWITCH_NAME = 'steadystate-kill-switch'
export const KILL_SWITCH_KEY = 'stop'
/** A namespace whose kill switch stops every run, whatever namespaces it targets. */
export const GLOBAL_NAMESPACE_ENV = 'STEADYSTATE_KILL_SWITCH_NAMESPACE'
/** Who pulled or released the lever, and when (annotations on the ConfigMap). */
export const ANNOTATIONS = {
  pulledBy: 'steadystate.dev/kill-switch-pulled-by',
  pulledAt: 'steadystate.dev/kill-switch-pulled-at',
  releasedBy: 'steadystate.dev/kill-switch-released-by',
  releasedAt: 'steadystate.dev/kill-switch-released-at',
} as const

export interface KillSwitchRef {
  namespace: string
  name: string
  key: string
}

export type KillSwitchState =
  | { kind: 'released'; ref: KillSwitchRef }
  /** `reason` is the key's value; `by`/`at` come from the annotations when steadystate set them. */
  | { kind: 'pulled'; ref: KillSwitchRef; reason: string; by?: string; at?: string }

/** Values a person may write by hand to mean "not pulled"; anything else that is not empty pulls. */
const RELEASED_VALUES = new Set(['', 'false', '0', 'no', 'off'])

export function killSwitchRef(namespace: string, name?: string, key?: string): KillSwitchRef {
  return { namespace, name: name ?? KILL_SWITCH_NAME, key: key ?? KILL_SWITCH_KEY }
}

/** `ConfigMap steadystate-kill-switch, key stop, in namespace shop`, for messages. */
export function describeRef(ref: KillSwitchRef): string {
  return `ConfigMap ${ref.name}, key ${ref.key}, in namespace ${ref.namespace}`
}

interface ConfigMap {
  metadata?: { annotations?: Record<string, string> }
  data?: Record<string, string>
}

function path(ref: KillSwitchRef): string {
  return `/api/v1/namespaces/${encodeURIComponent(ref.namespace)}/configmaps/${encodeURIComponent(ref.name)}`
}

/**
 * The switch's state. No ConfigMap, or no key, is released. Any other failure (forbidden, cluster
 * unreachable) is thrown: a caller that cannot tell must not carry on as if it were released.
 */
export async function readKillSwitch(
  client: KubeClient,
  ref: KillSwitchRef,
  signal: AbortSignal,
): Promise<KillSwitchState> {
  let configMap: ConfigMap
  try {
    configMap = await client.request<ConfigMap>('GET', path(ref), { signal })
  } catch (error) {
    if (error instanceof KubernetesApiError && error.isNotFound) return { kind: 'released', ref }
    throw error
  }
  const value = configMap.data?.[ref.key]
  if (value === undefined || RELEASED_VALUES.has(value.trim().toLowerCase())) return { kind: 'released', ref }
  const annotations = configMap.metadata?.annotations ?? {}
  const by = annotations[ANNOTATIONS.pulledBy]
  const at = annotations[ANNOTATIONS.pulledAt]
  return {
    kind: 'pulled',
    ref,
    reason: value.trim(),
    ...(by === undefined ? {} : { by }),
    ...(at === undefined ? {} : { at }),
  }
}

/** Pulls the lever: sets the key to `reason` (creating the ConfigMap if needed), noting who and when. */
export async function pullKillSwitch(
  client: KubeClient,
  ref: KillSwitchRef,
  options: { reason: string; by: string; now: Date; signal: AbortSignal },
): Promise<KillSwitchState> {
  // Who released it last no longer applies; a released switch likewise drops who pulled it.
  const annotations = {
    [ANNOTATIONS.pulledBy]: options.by,
    [ANNOTATIONS.pulledAt]: options.now.toISOString(),
    [ANNOTATIONS.releasedBy]: null,
    [ANNOTATIONS.releasedAt]: null,
  }
  const patch = { metadata: { annotations }, data: { [ref.key]: options.reason } }
  try {
    await mergePatch(client, ref, patch, options.signal)
  } catch (error) {
    if (!(error instanceof KubernetesApiError && error.isNotFound)) throw error
    const created = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: ref.name,
        labels: { 'app.kubernetes.io/name': 'steadystate', 'app.kubernetes.io/component': 'kill-switch' },
        annotations: {
          [ANNOTATIONS.pulledBy]: options.by,
          [ANNOTATIONS.pulledAt]: options.now.toISOString(),
        },
      },
      data: { [ref.key]: options.reason },
    }
    try {
      await client.request('POST', `/api/v1/namespaces/${encodeURIComponent(ref.namespace)}/configmaps`, {
        body: created,
        signal: options.signal,
      })
    } catch (createError) {
      if (createError instanceof KubernetesApiError && createError.status === 403) {
        throw new Error(
          `the ${describeRef(ref)} does not exist, and these credentials may not create it: ` +
            `apply deploy/rbac/kill-switch.yaml in namespace ${ref.namespace} (${createError.message})`,
        )
      }
      // Someone created it meanwhile: set the key on theirs.
      if (!(createError instanceof KubernetesApiError && createError.status === 409)) throw createError
      await mergePatch(client, ref, patch, options.signal)
    }
  }
  return readKillSwitch(client, ref, options.signal)
}

/**
 * Releases the lever: removes the key (the ConfigMap stays, so RBAC can name it), noting who and
 * when. Returns the state it had before; releasing a released switch changes nothing.
 */
export async function releaseKillSwitch(
  client: KubeClient,
  ref: KillSwitchRef,
  options: { by: string; now: Date; signal: AbortSignal },
): Promise<KillSwitchState> {
  const before = await readKillSwitch(client, ref, options.signal)
  if (before.kind === 'released') return before
  const annotations = {
    [ANNOTATIONS.releasedBy]: options.by,
    [ANNOTATIONS.releasedAt]: options.now.toISOString(),
    [ANNOTATIONS.pulledBy]: null,
    [ANNOTATIONS.pulledAt]: null,
  }
  await mergePatch(client, ref, { metadata: { annotations }, data: { [ref.key]: null } }, options.signal)
  return before
}

function mergePatch(client: KubeClient, ref: KillSwitchRef, patch: unknown, signal: AbortSignal) {
  return client.request('PATCH', path(ref), {
    body: patch,
    contentType: 'application/merge-patch+json',
    signal,
  })
}
