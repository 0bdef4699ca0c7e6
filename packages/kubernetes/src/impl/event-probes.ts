import type { JsonValue } from '@steadystate/model'
import { ActivityFailedError } from '@steadystate/core'
import { k8s, num, str } from './context.ts'

/**
 * `get_events(label_selector, field_selector, limit)`: events of every namespace from the
 * events.k8s.io/v1 API, returned as the API's raw list (`items`, `metadata.continue` when more
 * remain), like the reference. Field selectors use that API's names, e.g. `regarding.name=web`,
 * `reason=Killing`, `metadata.namespace=shop`.
 */
export const getEvents = k8s(async (args, context) => {
  const limit = num(args, 'limit') ?? 100
  if (!Number.isInteger(limit) || limit < 0)
    throw new ActivityFailedError(
      `argument 'limit' must be a whole number, got ${JSON.stringify(args.limit)}`,
    )
  return context.client.request<JsonValue>('GET', '/apis/events.k8s.io/v1/events', {
    query: {
      labelSelector: str(args, 'label_selector') || undefined,
      fieldSelector: str(args, 'field_selector') || undefined,
      // The reference passes limit=0 through, which the API reads as "no limit".
      limit: limit === 0 ? undefined : limit,
    },
    signal: context.signal,
  })
})
