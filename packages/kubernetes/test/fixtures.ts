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
