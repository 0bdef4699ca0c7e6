import { ActivityFailedError, type ModuleFunctionImpl } from '@steadystate/core'
import { checkNamespace } from '../select/guardrails.ts'
import { k8s, namespace, num, requiredStr, withContext, type K8sContext } from './context.ts'
import { loadManifest, objectArg } from './manifest.ts'
import {
  createObject,
  describeObject,
  explainFailure,
  MERGE_PATCH,
  patchObject,
  readObject,
  STRATEGIC_MERGE_PATCH,
  type Resource,
} from './objects.ts'

/**
 * `create_<kind>(spec_path, ns)`: creates the object a JSON or YAML file describes, in `ns`, and
 * returns None like the reference. A manifest of another kind is refused before the API call.
 */
export function createFromSpec(resource: Resource): ModuleFunctionImpl {
  return k8s(async (args, context) => {
    const ns = namespace(args)
    const manifest = await loadManifest(requiredStr(args, 'spec_path'), context.call.cwd, resource.kind)
    const created = await createObject<{ metadata?: { name?: string } }>(context, resource, ns, manifest)
    context.log.info(`created ${describeObject(resource, created.metadata?.name ?? '', ns)}`)
    return null
  })
}

/** The `replicas` argument: a whole number, at least 0. */
export function replicasArg(args: Record<string, unknown>): number {
  const replicas = num(args, 'replicas')
  if (replicas === undefined || !Number.isInteger(replicas) || replicas < 0) {
    throw new ActivityFailedError(
      `argument 'replicas' must be a whole number of at least 0, got ${JSON.stringify(args.replicas)}`,
    )
  }
  return replicas
}

interface Scalable {
  spec?: { replicas?: number }
}

/**
 * `scale_<kind>(name, replicas, ns)`: a merge patch of `spec.replicas`. Failures carry the reference's
 * "failed to scale '<name>' to <n> replicas" prefix; protected namespaces are refused.
 */
export function scaleResource(resource: Resource): ModuleFunctionImpl {
  return k8s(async (args, context) => {
    const { name, ns, replicas } = scaleArgs(args, context)
    try {
      await patchObject(context, resource, name, ns, { spec: { replicas } }, MERGE_PATCH)
    } catch (error) {
      explainFailure(`failed to scale '${name}' to ${replicas} replicas`, error)
    }
    context.log.info(`scaled ${describeObject(resource, name, ns)} to ${replicas} replica(s)`)
    return null
  })
}

/** Dry run of a scale: the current and the requested replica count. */
export function describeScale(resource: Resource) {
  return withContext(async (args, context) => {
    const { name, ns, replicas } = scaleArgs(args, context)
    const current = await readObject<Scalable>(context, resource, name, ns)
    return `would scale ${describeObject(resource, name, ns)} from ${current.spec?.replicas ?? 1} to ${replicas} replica(s)`
  })
}

function scaleArgs(
  args: Record<string, unknown>,
  context: K8sContext,
): { name: string; ns: string; replicas: number } {
  const ns = namespace(args)
  checkNamespace(ns, context.guardrails)
  return { name: requiredStr(args, 'name'), ns, replicas: replicasArg(args) }
}

function updateArgs(args: Record<string, unknown>): {
  name: string
  ns: string
  spec: Record<string, unknown>
} {
  const spec = objectArg(args, 'spec')
  if (spec === undefined) throw new ActivityFailedError("argument 'spec' is required: the patch to apply")
  return { name: requiredStr(args, 'name'), ns: namespace(args), spec }
}

/**
 * `update_<kind>(name, spec, ns)`: applies `spec` as a strategic merge patch (what the reference's
 * Python client sends for a mapping, and what `kubectl patch` does by default), so lists such as
 * containers merge by name instead of being replaced.
 */
export function updateResource(resource: Resource, label: string): ModuleFunctionImpl {
  return k8s(async (args, context) => {
    const { name, ns, spec } = updateArgs(args)
    checkNamespace(ns, context.guardrails)
    try {
      await patchObject(context, resource, name, ns, spec, STRATEGIC_MERGE_PATCH)
    } catch (error) {
      explainFailure(`failed to update ${label} '${name}'`, error)
    }
    context.log.info(`updated ${describeObject(resource, name, ns)}`)
    return null
  })
}

/** Dry run of an update: which object, and the top-level fields the patch touches. */
export function describeUpdate(resource: Resource) {
  return withContext(async (args, context) => {
    const { name, ns, spec } = updateArgs(args)
    await readObject(context, resource, name, ns)
    return `would patch ${describeObject(resource, name, ns)} (fields: ${Object.keys(spec).join(', ')})`
  })
}
