import { isRecord } from '@steadystate/model'
import { readFile, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { ActivityFailedError, parseText } from '@steadystate/core'
import { KubernetesApiError } from '../client/errors.ts'
import { str, type K8sContext } from './context.ts'
import { customResource, type CustomTarget } from './custom-objects.ts'

export type Body = Record<string, unknown>

async function readYamlFile(path: string, cwd: string): Promise<unknown> {
  const full = resolve(cwd, path)
  const isFile = await stat(full).then(
    (info) => info.isFile(),
    () => false,
  )
  if (!isFile) throw new ActivityFailedError(`Path '${path}' is not a valid resource file (${full})`)
  const parsed = await parseText(await readFile(full, 'utf8'), 'yaml')
  if (!parsed.ok) throw new ActivityFailedError(`${path}: ${parsed.error}`)
  return parsed.value
}

/**
 * The `resource` argument, else the file `resource_as_yaml_file` names (read as YAML, so JSON files
 * work too), relative to the working directory, as the reference's `load_body` does. An object is
 * a mapping; a patch may also be a list (a JSON Patch).
 */
export async function loadBody(
  args: Record<string, unknown>,
  cwd: string,
  shape: 'object' | 'patch',
): Promise<Body | unknown[]> {
  const file = str(args, 'resource_as_yaml_file') || undefined
  const given = args.resource ?? undefined
  if (given === undefined && file === undefined)
    throw new ActivityFailedError("Either 'resource' or 'resource_as_yaml_file' must be set")
  const body = given ?? (await readYamlFile(file ?? '', cwd))
  const source = given === undefined ? `'${file}'` : "argument 'resource'"
  if (isRecord(body)) return body
  if (shape === 'patch' && Array.isArray(body)) return body as unknown[]
  throw new ActivityFailedError(
    shape === 'patch'
      ? `${source} must be a JSON Patch (a list of operations) or a mapping (a merge patch), got ${JSON.stringify(body)}`
      : `${source} must be one object (a mapping), got ${JSON.stringify(body)}`,
  )
}

/** `loadBody` for calls that take an object, not a patch. */
export async function loadObject(args: Record<string, unknown>, cwd: string): Promise<Body> {
  return (await loadBody(args, cwd, 'object')) as Body
}

/** The object `apply_from_json` / `apply_from_yaml` were given: text in that format, or a mapping. */
export async function appliedObject(args: Record<string, unknown>, format: 'json' | 'yaml'): Promise<Body> {
  const resource = args.resource
  if (resource === undefined || resource === null || resource === '')
    throw new ActivityFailedError("argument 'resource' is required: the object, as text")
  let value: unknown = resource
  if (typeof resource === 'string') {
    const parsed = await parseText(resource, format)
    if (!parsed.ok)
      throw new ActivityFailedError(`argument 'resource' is not valid ${format}: ${parsed.error}`)
    value = parsed.value
  }
  if (!isRecord(value))
    throw new ActivityFailedError(
      `argument 'resource' must describe one object, got ${JSON.stringify(value)}`,
    )
  if (typeof value.apiVersion !== 'string' || value.apiVersion === '')
    throw new ActivityFailedError('missing apiVersion in resource')
  if (typeof value.kind !== 'string' || value.kind === '')
    throw new ActivityFailedError('missing kind in resource')
  return value
}

interface ApiResourceList {
  resources?: { name: string; kind: string; namespaced: boolean }[]
}

/**
 * Where an object of `apiVersion` and `kind` lives, from the API server's discovery document (the
 * reference guesses the plural from the kind and assumes a group, so core `v1` kinds and irregular
 * plurals fail). Namespaced kinds go to `metadata.namespace`, else `default`.
 */
export async function appliedTarget(context: K8sContext, object: Body): Promise<CustomTarget> {
  const apiVersion = String(object.apiVersion)
  const kind = String(object.kind)
  const slash = apiVersion.lastIndexOf('/')
  const group = slash < 0 ? '' : apiVersion.slice(0, slash)
  const version = apiVersion.slice(slash + 1)
  let discovery: ApiResourceList
  try {
    discovery = await context.client.request<ApiResourceList>(
      'GET',
      group === '' ? `/api/${version}` : `/apis/${group}/${version}`,
      { signal: context.signal },
    )
  } catch (error) {
    if (error instanceof KubernetesApiError && error.status === 404)
      throw new ActivityFailedError(
        `the API server does not serve apiVersion '${apiVersion}': is its CustomResourceDefinition installed?`,
        { cause: error },
      )
    throw error
  }
  const found = discovery.resources?.find((entry) => entry.kind === kind && !entry.name.includes('/'))
  if (found === undefined)
    throw new ActivityFailedError(`the API server has no kind '${kind}' in apiVersion '${apiVersion}'`)
  const metadata = isRecord(object.metadata) ? object.metadata : {}
  const ns = found.namespaced
    ? typeof metadata.namespace === 'string' && metadata.namespace !== ''
      ? metadata.namespace
      : 'default'
    : undefined
  const resource = { ...customResource(group, version, found.name, found.namespaced), kind }
  return { resource, ns, gvr: `${found.name}.${group || 'core'}/${version}` }
}
