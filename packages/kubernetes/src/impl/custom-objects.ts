import { ActivityFailedError } from '@steadystate/core'
import type { JsonValue } from '@steadystate/model'
import { KubernetesApiError } from '../client/errors.ts'
import type { Query } from '../client/rest.ts'
import { namespace, requiredStr, type K8sContext } from './context.ts'
import { collectionPath, describeObject, objectPath, type Resource } from './objects.ts'

/**
 * Custom objects by group, version and plural, as the reference's `chaosk8s.crd` module reaches
 * them (the Python client's CustomObjectsApi): outputs are the API server's JSON as it comes, and
 * failures keep the reference's "Failed to <verb> custom resource object" wording, followed by
 * what went wrong in words.
 */

export type CustomVerb = 'create' | 'delete' | 'get' | 'list' | 'patch' | 'replace'

/** One custom resource type, and the namespace of the object(s) a call is about. */
export interface CustomTarget {
  resource: Resource
  ns: string | undefined
  /** "networkchaos.chaos-mesh.org/v1alpha1", for messages. */
  gvr: string
  /** What to check when the API server does not know the type. */
  missingHint?: string
}

export const JSON_PATCH = 'application/json-patch+json'

export function customResource(
  group: string,
  version: string,
  plural: string,
  namespaced: boolean,
): Resource {
  const qualified = group === '' ? plural : `${plural}.${group}`
  return {
    kind: qualified,
    plural,
    api: group === '' ? `/api/${version}` : `/apis/${group}/${version}`,
    namespaced,
  }
}

/** The `group`, `version`, `plural` (and `ns` when namespaced) arguments. */
export function customTarget(args: Record<string, unknown>, namespaced: boolean): CustomTarget {
  const group = requiredStr(args, 'group')
  const version = requiredStr(args, 'version')
  const plural = requiredStr(args, 'plural')
  const resource = customResource(group, version, plural, namespaced)
  return { resource, ns: namespaced ? namespace(args) : undefined, gvr: `${resource.kind}/${version}` }
}

/** A 404 for the type itself (no such CRD) rather than for one object of it. */
function isUnknownType(error: KubernetesApiError): boolean {
  try {
    const status = JSON.parse(error.body) as { details?: { name?: string } }
    return status.details?.name === undefined
  } catch {
    return true
  }
}

function explain(verb: CustomVerb, target: CustomTarget, name: string | undefined, error: unknown): never {
  if (!(error instanceof KubernetesApiError)) throw error
  const why =
    error.status === 404 && isUnknownType(error)
      ? `the API server does not serve ${target.gvr}: ${target.missingHint ?? 'is its CustomResourceDefinition installed?'}`
      : error.status === 404 && name !== undefined
        ? `${describeObject(target.resource, name, target.ns)} was not found`
        : error.message
  throw new ActivityFailedError(`Failed to ${verb} custom resource object: ${why}`, { cause: error })
}

async function send(
  context: K8sContext,
  verb: CustomVerb,
  target: CustomTarget,
  name: string | undefined,
  request: { method: string; body?: unknown; contentType?: string; query: Query },
): Promise<JsonValue> {
  const path =
    name === undefined
      ? collectionPath(target.resource, target.ns)
      : objectPath(target.resource, name, target.ns)
  try {
    const { method, ...spec } = request
    return await context.client.request<JsonValue>(method, path, { ...spec, signal: context.signal })
  } catch (error) {
    return explain(verb, target, name, error)
  }
}

/** `?dryRun=All`: the API server checks the call and answers as if, but changes nothing. */
function dryRunQuery(options: { dryRun?: boolean }): Query {
  return options.dryRun === true ? { dryRun: 'All' } : {}
}

/**
 * Creates an object. If it already exists, the reference returns the API server's 409 Status as
 * the output (the activity succeeds); so does this, with a warning in the log and `existed` set,
 * so nobody logs it as created. In a dry run, an existing object is an error: the run would not
 * create it.
 */
export async function createCustom(
  context: K8sContext,
  target: CustomTarget,
  body: Record<string, unknown>,
  options: { dryRun?: boolean } = {},
): Promise<{ output: JsonValue; existed: boolean }> {
  try {
    const output = await context.client.request<JsonValue>(
      'POST',
      collectionPath(target.resource, target.ns),
      {
        body,
        query: dryRunQuery(options),
        signal: context.signal,
      },
    )
    return { output, existed: false }
  } catch (error) {
    if (!(error instanceof KubernetesApiError) || error.status !== 409)
      return explain('create', target, undefined, error)
    const what = describeObject(target.resource, objectName(body), target.ns)
    if (options.dryRun === true)
      throw new ActivityFailedError(
        `${what} already exists: the run would leave it as it is and return the 409 Status`,
      )
    context.log.warn(
      `${what} already exists: left as it is (the output is the API server’s 409 Status, as with the reference)`,
    )
    return { output: parseStatus(error), existed: true }
  }
}

export function getCustom(context: K8sContext, target: CustomTarget, name: string): Promise<JsonValue> {
  return send(context, 'get', target, name, { method: 'GET', query: {} })
}

export function listCustom(context: K8sContext, target: CustomTarget): Promise<JsonValue> {
  return send(context, 'list', target, undefined, { method: 'GET', query: {} })
}

export function deleteCustom(
  context: K8sContext,
  target: CustomTarget,
  name: string,
  options: { dryRun?: boolean } = {},
): Promise<JsonValue> {
  return send(context, 'delete', target, name, { method: 'DELETE', query: dryRunQuery(options) })
}

/** A JSON Patch (a list of operations) or, for a mapping, a JSON merge patch. */
export function patchCustom(
  context: K8sContext,
  target: CustomTarget,
  name: string,
  patch: Record<string, unknown> | unknown[],
  options: { dryRun?: boolean } = {},
): Promise<JsonValue> {
  return send(context, 'patch', target, name, {
    method: 'PATCH',
    body: patch,
    contentType: Array.isArray(patch) ? JSON_PATCH : 'application/merge-patch+json',
    query: dryRunQuery(options),
  })
}

export function replaceCustom(
  context: K8sContext,
  target: CustomTarget,
  name: string,
  body: Record<string, unknown>,
  options: { dryRun?: boolean } = {},
): Promise<JsonValue> {
  return send(context, 'replace', target, name, {
    method: 'PUT',
    body,
    query: dryRunQuery(options),
  })
}

/** The name of the object a call is about, for messages (`metadata.name`, or the argument). */
export function objectName(object: unknown): string {
  const metadata = (object as { metadata?: { name?: unknown } } | null)?.metadata
  return typeof metadata?.name === 'string' ? metadata.name : ''
}

function parseStatus(error: KubernetesApiError): JsonValue {
  try {
    return JSON.parse(error.body) as JsonValue
  } catch {
    return { kind: 'Status', code: error.status, reason: error.reason, message: error.message }
  }
}
