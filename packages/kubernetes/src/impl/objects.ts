import { ActivityFailedError } from '@steadystate/core'
import { KubernetesApiError } from '../client/errors.ts'
import type { Query } from '../client/rest.ts'
import type { K8sContext } from './context.ts'

/** A kind of API object, with where it lives in the REST API. */
export interface Resource {
  kind: string
  plural: string
  /** `/api/v1`, `/apis/apps/v1`, … */
  api: string
  namespaced: boolean
}

export const DEPLOYMENT: Resource = {
  kind: 'Deployment',
  plural: 'deployments',
  api: '/apis/apps/v1',
  namespaced: true,
}
export const REPLICA_SET: Resource = {
  kind: 'ReplicaSet',
  plural: 'replicasets',
  api: '/apis/apps/v1',
  namespaced: true,
}
export const STATEFUL_SET: Resource = {
  kind: 'StatefulSet',
  plural: 'statefulsets',
  api: '/apis/apps/v1',
  namespaced: true,
}
export const DAEMON_SET: Resource = {
  kind: 'DaemonSet',
  plural: 'daemonsets',
  api: '/apis/apps/v1',
  namespaced: true,
}
export const SERVICE: Resource = { kind: 'Service', plural: 'services', api: '/api/v1', namespaced: true }
export const SECRET: Resource = { kind: 'Secret', plural: 'secrets', api: '/api/v1', namespaced: true }
export const POD: Resource = { kind: 'Pod', plural: 'pods', api: '/api/v1', namespaced: true }
export const NAMESPACE: Resource = {
  kind: 'Namespace',
  plural: 'namespaces',
  api: '/api/v1',
  namespaced: false,
}
export const NODE: Resource = { kind: 'Node', plural: 'nodes', api: '/api/v1', namespaced: false }
export const INGRESS: Resource = {
  kind: 'Ingress',
  plural: 'ingresses',
  api: '/apis/networking.k8s.io/v1',
  namespaced: true,
}
export const NETWORK_POLICY: Resource = {
  kind: 'NetworkPolicy',
  plural: 'networkpolicies',
  api: '/apis/networking.k8s.io/v1',
  namespaced: true,
}

/** Patch flavours: merge patches replace lists, strategic ones merge them by key (as kubectl does). */
export const MERGE_PATCH = 'application/merge-patch+json'
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json'

export interface KubeObject {
  metadata?: { name?: string; namespace?: string; uid?: string }
}

export function collectionPath(resource: Resource, ns: string | undefined): string {
  return resource.namespaced && ns !== undefined
    ? `${resource.api}/namespaces/${encodeURIComponent(ns)}/${resource.plural}`
    : `${resource.api}/${resource.plural}`
}

export function objectPath(resource: Resource, name: string, ns: string | undefined): string {
  return `${collectionPath(resource, ns)}/${encodeURIComponent(name)}`
}

/** "Deployment 'web' in namespace 'shop'", for messages. */
export function describeObject(resource: Resource, name: string, ns: string | undefined): string {
  return resource.namespaced && ns !== undefined
    ? `${resource.kind} '${name}' in namespace '${ns}'`
    : `${resource.kind} '${name}'`
}

function notFound(resource: Resource, name: string, ns: string | undefined, cause: unknown): Error {
  return new ActivityFailedError(`${describeObject(resource, name, ns)} was not found`, { cause })
}

/** Runs a call on one named object, turning a 404 into a failure that names the object. */
async function onObject<T>(
  resource: Resource,
  name: string,
  ns: string | undefined,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (error instanceof KubernetesApiError && error.isNotFound) throw notFound(resource, name, ns, error)
    throw error
  }
}

export async function listObjects<T extends KubeObject>(
  context: K8sContext,
  resource: Resource,
  ns: string | undefined,
  query: Query = {},
): Promise<T[]> {
  const list = await context.client.request<{ items: T[] }>('GET', collectionPath(resource, ns), {
    query,
    signal: context.signal,
  })
  return list.items
}

export function createObject<T = Record<string, unknown>>(
  context: K8sContext,
  resource: Resource,
  ns: string | undefined,
  body: Record<string, unknown>,
): Promise<T> {
  return context.client.request<T>('POST', collectionPath(resource, ns), { body, signal: context.signal })
}

export function readObject<T>(
  context: K8sContext,
  resource: Resource,
  name: string,
  ns: string | undefined,
): Promise<T> {
  return onObject(resource, name, ns, () =>
    context.client.request<T>('GET', objectPath(resource, name, ns), { signal: context.signal }),
  )
}

/** Deletes one object; a 404 fails the activity with the object's kind, name and namespace. */
export async function deleteObject(
  context: K8sContext,
  resource: Resource,
  name: string,
  ns: string | undefined,
  options: { gracePeriodSeconds?: number } = {},
): Promise<Record<string, unknown>> {
  return onObject(resource, name, ns, () =>
    context.client.request<Record<string, unknown>>('DELETE', objectPath(resource, name, ns), {
      body: options.gracePeriodSeconds === undefined ? undefined : options,
      signal: context.signal,
    }),
  )
}

/** Deletes one object if it is still there; false when it was already gone. */
export async function deleteIfPresent(
  context: K8sContext,
  resource: Resource,
  name: string,
  ns: string | undefined,
): Promise<boolean> {
  try {
    await context.client.request('DELETE', objectPath(resource, name, ns), { signal: context.signal })
    return true
  } catch (error) {
    if (error instanceof KubernetesApiError && error.isNotFound) return false
    throw error
  }
}

export function patchObject<T = Record<string, unknown>>(
  context: K8sContext,
  resource: Resource,
  name: string,
  ns: string | undefined,
  body: unknown,
  contentType: string,
): Promise<T> {
  return onObject(resource, name, ns, () =>
    context.client.request<T>('PATCH', objectPath(resource, name, ns), {
      body,
      contentType,
      signal: context.signal,
    }),
  )
}

/** Re-raises an API failure with what the action was doing first (the reference's wording). */
export function explainFailure(what: string, error: unknown): never {
  if (error instanceof ActivityFailedError || error instanceof KubernetesApiError) {
    throw new ActivityFailedError(`${what}: ${error.message}`, { cause: error })
  }
  throw error
}

export function nameOf(object: KubeObject): string {
  return object.metadata?.name ?? ''
}
