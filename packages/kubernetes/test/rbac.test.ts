import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { readJournal, runCli, tempDir } from '../../../test/support/cli.ts'
import {
  createNamespace,
  deleteNamespace,
  kubectl,
  listPods,
  waitUntil,
} from '../../../test/support/kubectl.ts'
import { CONFORMANCE, REPO_ROOT } from '../../../test/support/paths.ts'
import { seedWorkloads } from './fixtures.ts'
import { serviceAccountKubeconfig } from './service-account.ts'

/** The seed experiment pointed at a namespace (the only change: `ns` on each activity). */
function seedIn(namespace: string): unknown {
  const seed = JSON.parse(readFileSync(join(CONFORMANCE, 'seed/experiment.json'), 'utf8')) as {
    'steady-state-hypothesis': { probes: { provider: { arguments: Record<string, unknown> } }[] }
    method: { provider: { arguments: Record<string, unknown> } }[]
  }
  for (const activity of [...seed['steady-state-hypothesis'].probes, ...seed.method])
    activity.provider.arguments.ns = namespace
  return seed
}

describe('least-privilege RBAC (deploy/rbac/namespace-chaos.yaml)', () => {
  const kubeconfig = inject('kubeconfig')
  let ns: string
  let other: string
  let asServiceAccount: string
  beforeEach(async () => {
    ns = await createNamespace(kubeconfig, 'rbac')
    other = await createNamespace(kubeconfig, 'other')
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', join(REPO_ROOT, 'deploy/rbac/namespace-chaos.yaml')])
    for (const target of [ns, other])
      await kubectl(
        kubeconfig,
        ['-n', target, 'apply', '-f', '-'],
        seedWorkloads({ podsFrom: 'statefulset' }),
      )
    await waitUntil(
      'Ready pods',
      () => listPods(kubeconfig, ns, 'app=my-app'),
      (pods) => pods.filter((p) => p.ready).length === 10,
      60_000,
    )
    await waitUntil(
      'myapp available',
      async () =>
        JSON.parse(await kubectl(kubeconfig, ['-n', ns, 'get', 'deployment', 'myapp', '-o', 'json'])) as {
          status?: { availableReplicas?: number }
        },
      (deployment) => deployment.status?.availableReplicas === 2,
    )
    asServiceAccount = await serviceAccountKubeconfig(kubeconfig, ns, 'steadystate')
  })
  afterEach(async () => {
    await deleteNamespace(kubeconfig, ns)
    await deleteNamespace(kubeconfig, other)
  })

  it('runs the seed experiment as the ServiceAccount in its namespace', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'experiment.json'), JSON.stringify(seedIn(ns)))
    const result = await runCli(['run', 'experiment.json'], {
      cwd: dir,
      env: { KUBECONFIG: asServiceAccount },
    })
    expect(result.code, result.stderr).toBe(0)
    const journal = readJournal(join(dir, 'journal.json'))
    expect(journal.steadystate?.verdict.kind).toBe('held')
    expect(journal.run[0]?.status).toBe('succeeded')
    const recovery = journal.steadystate?.measurements.find((m) => m.kind === 'recovery')?.data as {
      unrecovered: string[]
    }
    expect(recovery.unrecovered).toEqual([])
  })

  it('turns a call outside its namespace into a clearly failed activity', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'experiment.json'), JSON.stringify(seedIn(other)))
    const result = await runCli(['run', 'experiment.json'], {
      cwd: dir,
      env: { KUBECONFIG: asServiceAccount },
    })
    const journal = readJournal(join(dir, 'journal.json'))
    const probe = journal.steady_states.before?.probes[0]
    expect(probe?.status).toBe('failed')
    expect(probe?.exception?.at(-1)).toMatch(
      new RegExp(
        `403 Forbidden: deployments.apps "myapp" is forbidden: User "system:serviceaccount:${ns}:steadystate" cannot list resource "deployments".*in the namespace "${other}".*deploy/rbac`,
      ),
    )
    expect(journal.steadystate?.verdict.kind).toBe('not-tested')
    expect(result.stderr).toMatch(/NOT-TESTED/)
    expect((await listPods(kubeconfig, other, 'app=my-app')).filter((p) => !p.deleting)).toHaveLength(10)
  })
})
