import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach } from 'vitest'
import { REPO_ROOT } from './paths.ts'
import { waitUntil } from './wait.ts'

export { waitUntil }

const run = promisify(execFile)

/** kubectl for the test cluster: the one `test/cluster/up` left, else the one on PATH. */
export function kubectlPath(): string {
  const local = join(REPO_ROOT, 'test/cluster/bin/kubectl')
  return existsSync(local) ? local : 'kubectl'
}

export async function kubectl(kubeconfig: string, args: string[], input?: string): Promise<string> {
  const child = run(kubectlPath(), ['--kubeconfig', kubeconfig, ...args], { maxBuffer: 32 * 1024 * 1024 })
  if (input !== undefined) {
    child.child.stdin?.end(input)
  }
  const { stdout } = await child
  return stdout
}

export async function kubectlJson<T>(kubeconfig: string, args: string[]): Promise<T> {
  return JSON.parse(await kubectl(kubeconfig, [...args, '-o', 'json'])) as T
}

/** A fresh namespace per test, so tests never see each other's objects. */
export async function createNamespace(kubeconfig: string, prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`
  await kubectl(kubeconfig, ['create', 'namespace', name])
  // Pods need the namespace's default ServiceAccount, which the controller-manager creates.
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await kubectl(kubeconfig, ['-n', name, 'get', 'serviceaccount', 'default'])
      return name
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  throw new Error(`namespace ${name}: the default ServiceAccount never appeared`)
}

export async function deleteNamespace(kubeconfig: string, name: string): Promise<void> {
  await kubectl(kubeconfig, ['delete', 'namespace', name, '--wait=false'])
}

/** A Deployment whose pods kwok runs (the image is never pulled: there is no kubelet). */
export function deploymentManifest(
  name: string,
  replicas: number,
  labels: Record<string, string> = { app: name },
): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'app', image: 'registry.invalid/steadystate/app:1' }] },
      },
    },
  })
}

export interface PodSummary {
  name: string
  uid: string
  ready: boolean
  phase: string
  deleting: boolean
}

interface PodList {
  items: {
    metadata: { name: string; uid: string; deletionTimestamp?: string }
    status?: { phase?: string; conditions?: { type: string; status: string }[] }
  }[]
}

export async function listPods(
  kubeconfig: string,
  namespace: string,
  selector: string,
): Promise<PodSummary[]> {
  const list = await kubectlJson<PodList>(kubeconfig, ['-n', namespace, 'get', 'pods', '-l', selector])
  return list.items.map((pod) => ({
    name: pod.metadata.name,
    uid: pod.metadata.uid,
    phase: pod.status?.phase ?? 'Unknown',
    ready: pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    deleting: pod.metadata.deletionTimestamp !== undefined,
  }))
}

/** A fresh namespace for each test of the enclosing describe, deleted afterwards. */
export function useNamespace(kubeconfig: string, prefix: string): () => string {
  let name = ''
  beforeEach(async () => {
    name = await createNamespace(kubeconfig, prefix)
  })
  afterEach(async () => {
    await deleteNamespace(kubeconfig, name)
  })
  return () => name
}

/** Applies a Deployment and waits until its pods are Ready and its status says available. */
export async function deployReady(
  kubeconfig: string,
  namespace: string,
  name: string,
  replicas: number,
  labels: Record<string, string> = { app: name },
): Promise<void> {
  await kubectl(kubeconfig, ['-n', namespace, 'apply', '-f', '-'], deploymentManifest(name, replicas, labels))
  await waitAvailable(kubeconfig, namespace, name, replicas)
}

/** Waits until a Deployment reports `replicas` available replicas (its status lags pod readiness). */
export async function waitAvailable(
  kubeconfig: string,
  namespace: string,
  name: string,
  replicas: number,
): Promise<void> {
  await waitUntil(
    `deployment ${name} available`,
    async () =>
      JSON.parse(await kubectl(kubeconfig, ['-n', namespace, 'get', 'deployment', name, '-o', 'json'])) as {
        status?: { availableReplicas?: number; readyReplicas?: number }
      },
    (deployment) =>
      deployment.status?.availableReplicas === replicas && deployment.status.readyReplicas === replicas,
    60_000,
  )
}
