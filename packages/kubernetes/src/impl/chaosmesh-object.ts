import { namespace, requiredStr } from './context.ts'
import type { Resource } from './objects.ts'

/** The Chaos Mesh API the reference's builders write to. */
export const CHAOS_MESH_GROUP = 'chaos-mesh.org'
export const CHAOS_MESH_VERSION = 'v1alpha1'

export const NETWORK_CHAOS: Resource = {
  kind: 'NetworkChaos',
  plural: 'networkchaos',
  api: `/apis/${CHAOS_MESH_GROUP}/${CHAOS_MESH_VERSION}`,
  namespaced: true,
}

export const STRESS_CHAOS: Resource = {
  kind: 'StressChaos',
  plural: 'stresschaos',
  api: `/apis/${CHAOS_MESH_GROUP}/${CHAOS_MESH_VERSION}`,
  namespaced: true,
}

export interface ChaosObject {
  apiVersion: string
  kind: string
  metadata: { name: string; namespace: string }
  spec: Record<string, unknown>
}

/**
 * A Chaos Mesh object named by the `name` argument, in namespace `ns`. The reference writes the
 * namespace to `metadata.ns`, a field Kubernetes does not have (the API server drops it); here it
 * is `metadata.namespace`.
 */
export function chaosObject(
  resource: Resource,
  args: Record<string, unknown>,
  spec: Record<string, unknown>,
): ChaosObject {
  return {
    apiVersion: `${CHAOS_MESH_GROUP}/${CHAOS_MESH_VERSION}`,
    kind: resource.kind,
    metadata: { name: requiredStr(args, 'name'), namespace: namespace(args) },
    spec,
  }
}

/** Drops the keys whose value is undefined, so optional fields are absent rather than null. */
export function compact<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>
}
