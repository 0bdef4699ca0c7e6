import { withDeadline } from '@steadystate/core'
import { loadKubeConfig } from './client/kubeconfig.ts'
import { KubeClient } from './client/rest.ts'

/** How long the pre-flight check waits for an API server that is briefly unavailable. */
const PREFLIGHT_SECONDS = 15

/**
 * Checked before the experiment starts, when it names a Kubernetes function: the configuration
 * loads and the API server answers. A missing kubeconfig or an unreachable cluster is then one clear
 * message instead of a failure in the middle of the method.
 */
export async function kubernetesPreflight(context: {
  env: Readonly<Record<string, string | undefined>>
  secrets: Record<string, unknown>
  signal?: AbortSignal
}): Promise<string> {
  const { config, source } = loadKubeConfig(context.env, context.secrets)
  const client = new KubeClient(config)
  const deadline = withDeadline(context.signal ?? new AbortController().signal, PREFLIGHT_SECONDS * 1000)
  const version = await client
    .request<{ gitVersion?: string }>('GET', '/version', { signal: deadline.signal })
    .finally(() => deadline.clear())
  return `Kubernetes ${version.gitVersion ?? '(unknown version)'} at ${client.server}, ${source}`
}
