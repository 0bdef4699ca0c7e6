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
