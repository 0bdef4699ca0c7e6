import { withDeadline, type SafeguardRequest } from '@steadystate/core'
import type { KubeClient } from '../client/rest.ts'
import { clientFor } from '../impl/context.ts'
import { newRunId } from './names.ts'
import { LeaseLock, type Holder } from './lease-lock.ts'
import type { GuardedTarget } from './kubernetes-safeguard.ts'
import { RecordStore } from './record.ts'
import type { Connection, Target } from './targets.ts'

/**
 * The namespace a run works in when an action names none (a node, a namespace): the kubeconfig
 * context's namespace (in a pod: the service account's), else POD_NAMESPACE, else `default`, as
 * kubectl would choose.
 */
export function homeNamespace(client: KubeClient, env: SafeguardRequest['env']): string {
  const context = client.config.getContextObject(client.config.getCurrentContext())
  const namespace = context?.namespace?.trim()
  if (namespace !== undefined && namespace !== '') return namespace
  const pod = env.POD_NAMESPACE?.trim()
  return pod !== undefined && pod !== '' ? pod : 'default'
}

/** The client for a connection (shared with the run's activities). */
export function clientOf(
  request: Pick<SafeguardRequest, 'env' | 'log' | 'resources'>,
  connection: Connection,
): KubeClient {
  return clientFor({
    env: request.env,
    scopedSecrets: connection.secrets,
    log: request.log,
    resources: request.resources,
  })
}

/**
 * One guarded target per namespace and connection (home namespaces resolved), sorted by namespace
 * so that two runs over the same namespaces take their locks in the same order.
 */
export function guardTargets(
  request: Pick<SafeguardRequest, 'env' | 'log' | 'resources'>,
  targets: readonly Target[],
  lease: string,
  me: Holder,
  leaseSeconds: number,
  record: string,
): GuardedTarget[] {
  const guarded = new Map<string, GuardedTarget>()
  for (const target of targets) {
    const client = clientOf(request, target.connection)
    const namespace = target.namespace ?? homeNamespace(client, request.env)
    const key = JSON.stringify([target.connection.key, namespace])
    if (guarded.has(key)) continue
    guarded.set(key, {
      namespace,
      lock: new LeaseLock(client, namespace, lease, me, leaseSeconds),
      store: new RecordStore(client, namespace),
      record,
      kept: false,
    })
  }
  return [...guarded.values()].sort((a, b) => a.namespace.localeCompare(b.namespace))
}

/** The identity of a recovery: its own id, saying whose rollbacks it plays. */
export function recoveryHolder(origin: string, runId: string): Holder {
  return { id: `recovery-${newRunId()}`, origin: `${origin}, playing the rollbacks of run ${runId}` }
}

/** Releases the locks taken so far (when the run will not start after all). */
export async function releaseAll(targets: readonly GuardedTarget[]): Promise<void> {
  for (const target of targets) {
    const deadline = withDeadline(new AbortController().signal, 10_000)
    await target.lock.release(deadline.signal).catch(() => undefined)
    deadline.clear()
  }
}
