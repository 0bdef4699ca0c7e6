import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { REPO_ROOT } from '../support/paths.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    kubeconfig: string
  }
}

const CLUSTER = join(REPO_ROOT, 'test/cluster')

/**
 * Starts the loopback control plane once for the Kubernetes suite and stops it afterwards. With
 * STEADYSTATE_TEST_KUBECONFIG set, the tests use that cluster instead and nothing is started.
 */
export default function setup(project: TestProject): () => void {
  const external = process.env.STEADYSTATE_TEST_KUBECONFIG
  if (external !== undefined && external !== '') {
    project.provide('kubeconfig', external)
    return () => undefined
  }
  // `up` prints progress on stderr (a first run builds the binaries, with progress lines).
  const kubeconfig = execFileSync(join(CLUSTER, 'up'), {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .at(-1)
  if (kubeconfig === undefined || kubeconfig === '')
    throw new Error('test/cluster/up printed no kubeconfig path')
  project.provide('kubeconfig', kubeconfig)
  return () => {
    if (process.env.STEADYSTATE_KEEP_CLUSTER === undefined) {
      execFileSync(join(CLUSTER, 'down'), { stdio: 'inherit' })
    }
  }
}
