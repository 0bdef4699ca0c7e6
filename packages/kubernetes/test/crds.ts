import { fileURLToPath } from 'node:url'
import { kubectl, waitUntil } from '../../../test/support/kubectl.ts'

const FILES = {
  'chaos-mesh': {
    path: 'crds/chaos-mesh.yaml',
    served: ['networkchaos.chaos-mesh.org', 'stresschaos.chaos-mesh.org'],
  },
  widgets: {
    path: 'crds/widgets.yaml',
    served: ['widgets.test.steadystate.dev', 'gadgets.test.steadystate.dev'],
  },
}

export function crdFile(name: keyof typeof FILES): string {
  return fileURLToPath(new URL(FILES[name].path, import.meta.url))
}

/**
 * Applies a fixture's CustomResourceDefinitions and waits until the API server serves them (Established,
 * then the types answer a list: discovery can lag the condition by a moment).
 */
export async function applyCrds(kubeconfig: string, name: keyof typeof FILES): Promise<void> {
  const file = crdFile(name)
  await kubectl(kubeconfig, ['apply', '-f', file])
  await kubectl(kubeconfig, ['wait', '--for=condition=Established', '-f', file, '--timeout=60s'])
  for (const resource of FILES[name].served) {
    await waitUntil(
      `${resource} served`,
      () =>
        kubectl(kubeconfig, ['get', resource, '-A', '-o', 'name']).then(
          () => true,
          () => false,
        ),
      (served) => served,
    )
  }
}

export async function deleteCrds(kubeconfig: string, name: keyof typeof FILES): Promise<void> {
  await kubectl(kubeconfig, [
    'delete',
    '-f',
    crdFile(name),
    '--ignore-not-found',
    '--wait=true',
    '--timeout=60s',
  ])
}

/** `kubectl patch --type=merge`, of the object or (with `subresource`) of its status. */
function mergePatch(
  kubeconfig: string,
  ns: string,
  kind: string,
  name: string,
  patch: unknown,
  subresource?: string,
) {
  const sub = subresource === undefined ? [] : [`--subresource=${subresource}`]
  return kubectl(kubeconfig, [
    '-n',
    ns,
    'patch',
    kind,
    name,
    ...sub,
    '--type=merge',
    '-p',
    JSON.stringify(patch),
  ])
}

/** What Chaos Mesh's controller does when it injects a fault: a finalizer, then status. */
export async function markInjected(
  kubeconfig: string,
  ns: string,
  kind: string,
  name: string,
): Promise<void> {
  await mergePatch(kubeconfig, ns, kind, name, { metadata: { finalizers: ['chaos-mesh/records'] } })
  const status = {
    conditions: [{ type: 'AllInjected', status: 'True' }],
    experiment: { desiredPhase: 'Run' },
  }
  await mergePatch(kubeconfig, ns, kind, name, { status }, 'status')
}

/** What the controller does once it has lifted the fault of a deleted object: lets it go. */
export async function releaseFault(
  kubeconfig: string,
  ns: string,
  kind: string,
  name: string,
): Promise<void> {
  await mergePatch(kubeconfig, ns, kind, name, { metadata: { finalizers: null } })
}

/**
 * Runs a deletion while the controller still holds the fault, checks that it has not returned by the
 * time the API server marks the object deleted, then releases the fault and returns its result.
 */
export async function deleteHeldFault<T>(
  kubeconfig: string,
  ns: string,
  kind: string,
  name: string,
  deletion: () => Promise<T>,
): Promise<{ result: T; returnedBeforeRelease: boolean }> {
  let settled = false
  const deleting = deletion().finally(() => {
    settled = true
  })
  await waitUntil(
    `${kind} ${name} marked deleted`,
    async () =>
      (
        await kubectl(kubeconfig, [
          '-n',
          ns,
          'get',
          kind,
          name,
          '--ignore-not-found',
          '-o',
          'jsonpath={.metadata.deletionTimestamp}',
        ])
      ).trim(),
    (timestamp) => timestamp !== '',
  )
  const returnedBeforeRelease = settled
  await releaseFault(kubeconfig, ns, kind, name)
  return { result: await deleting, returnedBeforeRelease }
}
