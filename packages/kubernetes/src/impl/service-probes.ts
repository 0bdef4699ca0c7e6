import { ActivityFailedError } from '@steadystate/core'
import { bool, k8s, namespace, str } from './context.ts'

/**
 * `service_is_initialized`: the Service exists. The reference's legacy alias sends its label selector
 * template unformatted (`name in ({name})`, a 400); here `{name}` is filled in.
 */
export const serviceIsInitialized = k8s(async (args, context) => {
  const ns = namespace(args)
  const name = str(args, 'name')
  const selector = str(args, 'label_selector')?.replaceAll('{name}', name ?? '')
  if (name === undefined && selector === undefined)
    throw new ActivityFailedError('service_is_initialized needs a name or a label_selector')
  const list = await context.client.request<{ items: unknown[] }>(
    'GET',
    `/api/v1/namespaces/${encodeURIComponent(ns)}/services`,
    {
      query: {
        fieldSelector: name === undefined ? undefined : `metadata.name=${name}`,
        labelSelector: selector,
      },
      signal: context.signal,
    },
  )
  if (list.items.length > 0) return true
  const why = `service ${name === undefined ? `with labels '${selector ?? ''}'` : `'${name}'`} was not found in namespace '${ns}'`
  if (bool(args, 'raise_if_service_not_initialized', true)) throw new ActivityFailedError(why)
  return false
})
