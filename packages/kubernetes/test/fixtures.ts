import { kubectl, listPods, waitAvailable, waitUntil } from '../../../test/support/kubectl.ts'

/** The objects the seed experiment names: a healthy Deployment `myapp` and pods `my-app-N` labelled app=my-app. */
export function seedWorkloads(options: {
  podsFrom: 'statefulset' | 'deployment'
  replicas?: number
}): string {
  const replicas = options.replicas ?? 10
  const myapp = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'myapp', labels: { app: 'myapp' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'myapp' } },
      template: {
        metadata: { labels: { app: 'myapp' } },
        spec: { containers: [{ name: 'app', image: 'registry.invalid/myapp:1' }] },
      },
    },
  }
  const pods = {
    apiVersion: 'apps/v1',
    kind: options.podsFrom === 'statefulset' ? 'StatefulSet' : 'Deployment',
    metadata: { name: 'my-app', labels: { app: 'my-app' } },
    spec: {
      replicas,
      ...(options.podsFrom === 'statefulset'
        ? { serviceName: 'my-app', podManagementPolicy: 'Parallel' }
        : {}),
      selector: { matchLabels: { app: 'my-app' } },
      template: {
        metadata: { labels: { app: 'my-app' } },
        spec: { containers: [{ name: 'app', image: 'registry.invalid/my-app:1' }] },
      },
    },
  }
  return [myapp, pods].map((object) => JSON.stringify(object)).join('\n---\n')
}

/**
 * Deploys the seed's workloads in a namespace (default: `default`, which the seed names) and waits
 * until all 10 my-app pods are Ready and Deployment myapp reports itself available. Any leftovers of
 * an earlier test are removed first, so a terminating StatefulSet is never re-applied.
 */
export async function deploySeedWorkloads(
  kubeconfig: string,
  podsFrom: 'statefulset' | 'deployment',
  namespace = 'default',
): Promise<void> {
  await removeSeedWorkloads(kubeconfig, namespace)
  await kubectl(kubeconfig, ['-n', namespace, 'apply', '-f', '-'], seedWorkloads({ podsFrom }))
  await waitUntil(
    '10 Ready my-app pods',
    () => listPods(kubeconfig, namespace, 'app=my-app'),
    (pods) => pods.filter((p) => p.ready && !p.deleting).length === 10,
    60_000,
  )
  await waitAvailable(kubeconfig, namespace, 'myapp', 2)
}

/** Deletes the seed's workloads and waits until the objects and their pods are gone. */
export async function removeSeedWorkloads(kubeconfig: string, namespace = 'default'): Promise<void> {
  await kubectl(kubeconfig, [
    '-n',
    namespace,
    'delete',
    'deployment/myapp',
    'deployment/my-app',
    'statefulset/my-app',
    '--ignore-not-found',
    '--wait=true',
    '--timeout=60s',
  ])
  await waitUntil(
    'no seed pods left',
    () => listPods(kubeconfig, namespace, 'app in (my-app,myapp)'),
    (pods) => pods.length === 0,
    60_000,
  )
}
