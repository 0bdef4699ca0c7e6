import type { Query } from '../client/rest.ts'
import type { K8sContext } from './context.ts'
import { sleep, withDeadline, errorMessage } from '@steadystate/core'

interface KubeObject {
  metadata?: { uid?: string; resourceVersion?: string }
}

/** The pause before listing and watching again after a watch broke. */
const RETRY_MS = 500
/** The longest single watch asked of the server (its own default limit is 30 to 60 min). */
const MAX_WATCH_SECONDS = 1_800

export interface WaitOutcome<T> {
  met: boolean
  items: T[]
}

/**
 * Lists objects, then watches them until `check` holds for the current set or the deadline passes.
 * The deadline is real (the whole wait), not a per-read timeout as in the reference driver, and a
 * dropped or expired watch is resumed by listing again.
 */
export async function waitFor<T extends KubeObject>(
  context: K8sContext,
  path: string,
  query: Query,
  check: (items: T[]) => boolean,
  timeoutSeconds: number,
): Promise<WaitOutcome<T>> {
  const { signal: deadline, clear } = withDeadline(context.signal, timeoutSeconds * 1000)
  try {
    return await listAndWatch(context, path, query, check, timeoutSeconds, deadline)
  } finally {
    clear()
  }
}

async function listAndWatch<T extends KubeObject>(
  context: K8sContext,
  path: string,
  query: Query,
  check: (items: T[]) => boolean,
  timeoutSeconds: number,
  deadline: AbortSignal,
): Promise<WaitOutcome<T>> {
  const items = new Map<string, T>()
  const current = (): T[] => [...items.values()]
  while (!deadline.aborted) {
    try {
      const list = await context.client.request<{ items: T[]; metadata?: { resourceVersion?: string } }>(
        'GET',
        path,
        { query, signal: deadline },
      )
      items.clear()
      for (const item of list.items) items.set(item.metadata?.uid ?? String(items.size), item)
      if (check(current())) return { met: true, items: current() }
      let met = false
      await context.client.watch(
        path,
        {
          ...query,
          resourceVersion: list.metadata?.resourceVersion,
          // The server ends a watch after this; a longer wait simply watches again.
          timeoutSeconds: Math.min(Math.ceil(timeoutSeconds), MAX_WATCH_SECONDS),
        },
        (type, object) => {
          const item = object as T
          const uid = item.metadata?.uid
          if (uid === undefined || type === 'BOOKMARK') return false
          if (type === 'DELETED') items.delete(uid)
          else items.set(uid, item)
          met = check(current())
          return met
        },
        deadline,
      )
      if (met) return { met: true, items: current() }
    } catch (error) {
      if (deadline.aborted) break
      context.log.warn(`watch interrupted (${errorMessage(error)}); resuming`)
      await sleep(RETRY_MS, deadline)
    }
  }
  return { met: false, items: current() }
}
