import { ActivityFailedError } from '@steadystate/core'
import type { JsonValue } from '@steadystate/model'
import type { K8sContext } from './context.ts'
import type { CustomTarget } from './custom-objects.ts'
import { collectionPath, describeObject } from './objects.ts'
import { waitFor } from './wait.ts'

/** How long a rollback waits for Chaos Mesh to lift a fault (remove its finalizer) after the delete. */
export const LIFT_TIMEOUT_SECONDS = 60

interface Deleted {
  metadata?: { uid?: string; deletionTimestamp?: string; finalizers?: string[] }
}

/**
 * Chaos Mesh lifts a fault when its object is deleted, and keeps the object (finalizer
 * `chaos-mesh/records`) until it has. Waiting for it to go means the steady state is checked again
 * only once the fault is gone; a fault still there after LIFT_TIMEOUT_SECONDS fails the rollback.
 */
export async function waitUntilLifted(
  context: K8sContext,
  target: CustomTarget,
  name: string,
  response: JsonValue,
): Promise<void> {
  const deleted = response as Deleted
  const finalizers = deleted.metadata?.finalizers ?? []
  if (deleted.metadata?.deletionTimestamp === undefined && finalizers.length === 0) return
  const what = describeObject(target.resource, name, target.ns)
  context.log.info(
    `waiting up to ${LIFT_TIMEOUT_SECONDS} s for Chaos Mesh to lift the fault and remove ${what} (finalizers: ${finalizers.join(', ') || 'none'})`,
  )
  const outcome = await waitFor<Deleted>(
    context,
    collectionPath(target.resource, target.ns),
    { fieldSelector: `metadata.name=${name}` },
    (items) => items.length === 0,
    LIFT_TIMEOUT_SECONDS,
  )
  if (outcome.met) return
  if (context.signal.aborted) throw new ActivityFailedError(`stopped while waiting for ${what} to go`)
  const left = outcome.items[0]?.metadata?.finalizers ?? finalizers
  throw new ActivityFailedError(
    `${what} is still there ${LIFT_TIMEOUT_SECONDS} s after its deletion (finalizers: ${left.join(', ') || 'none'}): ` +
      'Chaos Mesh has not confirmed that the fault is lifted; is its controller running?',
  )
}
