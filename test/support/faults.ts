import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { REPO_ROOT } from './paths.ts'

const run = promisify(execFile)

/** Control-plane faults of the loopback cluster (test/cluster/fault). */
export async function fault(...args: string[]): Promise<void> {
  await run(join(REPO_ROOT, 'test/cluster/fault'), args)
}

/** Fault tests need the local cluster: an external one (STEADYSTATE_TEST_KUBECONFIG) cannot be stopped. */
export const externalCluster = (process.env.STEADYSTATE_TEST_KUBECONFIG ?? '') !== ''
