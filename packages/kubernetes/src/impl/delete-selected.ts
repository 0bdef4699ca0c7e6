import { ActivityFailedError, type ModuleFunctionImpl } from '@steadystate/core'
import type { Query } from '../client/rest.ts'
import { checkNamespace } from '../select/guardrails.ts'
import { bool, k8s, namespace, str, withContext, type K8sContext } from './context.ts'
import {
  deleteIfPresent,
  describeObject,
  listObjects,
  nameOf,
  type KubeObject,
  type Resource,
} from './objects.ts'

interface Selection {
  ns: string
  items: KubeObject[]
  /** "named 'web'", "with labels 'app=web'" or "of any name". */
  what: string
}

/** A non-empty string argument (the reference tests `if name:`, so "" means "not given"). */
function given(args: Record<string, unknown>, key: string): string | undefined {
  const value = str(args, key)
  return value === '' ? undefined : value
}

/**
 * What the reference's `delete_deployment`, `delete_replica_set`, `remove_statefulset` and
 * `delete_daemon_set` select: by name (a label selector is then ignored, as in the reference), else
 * by label selector. Without either the reference deletes every object of the kind in the namespace;
 * steadystate refuses unless `all: true` says so, and never works in a protected namespace.
 */
async function select(
  args: Record<string, unknown>,
  context: K8sContext,
  resource: Resource,
  func: string,
): Promise<Selection> {
  const ns = namespace(args)
  checkNamespace(ns, context.guardrails)
  const name = given(args, 'name')
  const labels = given(args, 'label_selector')
  let query: Query
  let what: string
  if (name !== undefined) {
    if (labels !== undefined) context.log.info(`label_selector '${labels}' ignored: name '${name}' was given`)
    query = { fieldSelector: `metadata.name=${name}` }
    what = `named '${name}'`
  } else if (labels !== undefined) {
    query = { labelSelector: labels }
    what = `with labels '${labels}'`
  } else if (bool(args, 'all', false)) {
    query = {}
    what = 'of any name'
  } else {
    throw new ActivityFailedError(
      `${func} needs a name or a label_selector: without them it would delete every ${resource.kind} in ` +
        `namespace '${ns}'. Set "all": true to do that on purpose`,
    )
  }
  return { ns, items: await listObjects(context, resource, ns, query), what }
}

/**
 * Deletes what `select` found and returns None like the reference. Finding nothing fails the
 * activity (the reference silently deletes nothing, so an experiment would report a fault that was
 * never injected).
 */
export function deleteSelected(resource: Resource, func: string): ModuleFunctionImpl {
  return k8s(async (args, context) => {
    const { ns, items, what } = await select(args, context, resource, func)
    if (items.length === 0) {
      throw new ActivityFailedError(`no ${resource.kind} ${what} in namespace '${ns}': nothing was deleted`)
    }
    const deleted: string[] = []
    for (const item of items) {
      // Listed a moment ago and gone now: someone else deleted it, which is what was wanted.
      if (await deleteIfPresent(context, resource, nameOf(item), ns)) deleted.push(nameOf(item))
      else context.log.warn(`${describeObject(resource, nameOf(item), ns)} was already gone`)
    }
    context.log.info(
      `deleted ${deleted.length} ${resource.kind}(s) in namespace '${ns}': ${deleted.join(', ')}`,
    )
    return null
  })
}

/** Dry run: the objects the delete would remove. */
export function describeDeleteSelected(resource: Resource, func: string) {
  return withContext(async (args, context) => {
    const { ns, items, what } = await select(args, context, resource, func)
    if (items.length === 0) return `would fail: no ${resource.kind} ${what} in namespace '${ns}'`
    return `would delete ${items.length} ${resource.kind}(s) in namespace '${ns}': ${items.map(nameOf).join(', ')}`
  })
}
