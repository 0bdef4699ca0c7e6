import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'
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
    const run = () =>
      runCli(['run', 'experiment.json', '--no-cluster-record'], {
        cwd: dir,
        env: { KUBECONFIG: asServiceAccount },
      })
    // First the kill switch of that namespace, which it may not read either: refused (fail closed).
    const blind = await run()
    expect(blind.code).toBe(1)
    expect(readJournal(join(dir, 'journal.json')).steadystate?.error).toMatchObject({
      code: 'KILL_SWITCH',
      message: expect.stringContaining(
        `cannot read the kill switch (ConfigMap steadystate-kill-switch, key stop, in namespace ${other})`,
      ) as string,
    })
    await kubectl(kubeconfig, ['-n', other, 'apply', '-f', join(REPO_ROOT, 'deploy/rbac/kill-switch.yaml')])
    await kubectl(kubeconfig, [
      '-n',
      other,
      'create',
      'rolebinding',
      'steadystate-kill-switch-read',
      '--role=steadystate-kill-switch-read',
      `--serviceaccount=${ns}:steadystate`,
    ])
    // Allowed to read the switch there, but nothing else: without its record and lock (which it
    // could not keep there either: see the tests below), the call itself is what the API refuses.
    const result = await run()
    expect(result.stderr).toMatch(
      /--no-cluster-record: no record of pending rollbacks and no lock in the cluster/,
    )
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

  /** The Role of namespace-chaos.yaml with its configmaps (records) and leases rules changed by `edit`. */
  async function applyRoleWith(edit: (rule: Rule) => Rule | undefined): Promise<void> {
    const documents = parseAllDocuments(
      readFileSync(join(REPO_ROOT, 'deploy/rbac/namespace-chaos.yaml'), 'utf8'),
    )
    const role = documents
      .map((document) => document.toJS() as { kind: string; rules?: Rule[] })
      .find((d) => d.kind === 'Role')
    if (role?.rules === undefined) throw new Error('namespace-chaos.yaml has no Role')
    // The kill switch's rule (named ConfigMap, get) stays: without it every run is refused first.
    role.rules = role.rules.flatMap((rule) =>
      rule.resourceNames === undefined &&
      (rule.resources.includes('configmaps') || rule.resources.includes('leases'))
        ? (edit(rule) ?? [])
        : [rule],
    )
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', '-'], JSON.stringify(role))
  }

  it('a service account without the lease verbs fails clearly before anything runs', async () => {
    await applyRoleWith(() => undefined)
    const dir = tempDir()
    writeFileSync(join(dir, 'experiment.json'), JSON.stringify(seedIn(ns)))
    const result = await runCli(['run', 'experiment.json'], {
      cwd: dir,
      env: { KUBECONFIG: asServiceAccount },
    })
    expect(result.code).toBe(1)
    const journal = readJournal(join(dir, 'journal.json'))
    expect(journal.status).toBe('aborted')
    expect(journal.steadystate?.error?.code).toBe('LOCK_UNAVAILABLE')
    expect(journal.steadystate?.error?.message).toMatch(
      new RegExp(
        `^cannot take the lock steadystate-lock-\\S+ \\(Lease in namespace ${ns}\\): Kubernetes API GET /apis/coordination.k8s.io/v1/namespaces/${ns}/leases/\\S+ failed: 403 Forbidden: .*cannot get resource "leases".*deploy/rbac.*Grant leases and configmaps \\(deploy/rbac/README.md\\), or run with --no-cluster-record`,
      ),
    )
    expect(result.stderr).toContain(journal.steadystate?.error?.message)
    expect(journal.steady_states.before).toBeNull()
    expect(journal.run).toEqual([])
    expect((await listPods(kubeconfig, ns, 'app=my-app')).filter((p) => !p.deleting)).toHaveLength(10)
  })

  it('a service account that cannot create its record fails clearly before the method', async () => {
    // Leases granted, configmaps readable but not writable.
    await applyRoleWith((rule) =>
      rule.resources.includes('configmaps') ? { ...rule, verbs: ['get', 'list'] } : rule,
    )
    const dir = tempDir()
    // With a rollback, so that there is something pending to record.
    const withRollback = {
      ...(seedIn(ns) as Record<string, unknown>),
      rollbacks: [
        {
          type: 'action',
          name: 'keep-myapp-at-2',
          provider: {
            type: 'python',
            module: 'chaosk8s.deployment.actions',
            func: 'scale_deployment',
            arguments: { name: 'myapp', replicas: 2, ns },
          },
        },
      ],
    }
    writeFileSync(join(dir, 'experiment.json'), JSON.stringify(withRollback))
    const result = await runCli(['run', 'experiment.json'], {
      cwd: dir,
      env: { KUBECONFIG: asServiceAccount },
    })
    expect(result.code, result.stderr).toBe(1)
    const journal = readJournal(join(dir, 'journal.json'))
    expect(journal.status).toBe('aborted')
    expect(journal.steadystate?.error?.code).toBe('RECORD_UNWRITABLE')
    expect(journal.steadystate?.error?.message).toMatch(
      /^the record of pending rollbacks could not be kept, so the method was not started: ConfigMap steadystate-run-\S+ in namespace \S+: Kubernetes API POST .*403 Forbidden: .*cannot create resource "configmaps".*Grant configmaps \(deploy\/rbac\/README.md\)/,
    )
    expect(journal.steady_states.before?.steady_state_met).toBe(true)
    expect(journal.run).toEqual([])
    expect((await listPods(kubeconfig, ns, 'app=my-app')).filter((p) => !p.deleting)).toHaveLength(10)
    // The lock is released for the next run.
    const lease = journal.steadystate?.cluster?.records[0]?.lease ?? ''
    expect(
      await kubectl(kubeconfig, ['-n', ns, 'get', 'lease', lease, '-o', 'jsonpath={.spec.holderIdentity}']),
    ).toBe('')
  })
})

interface Rule {
  apiGroups: string[]
  resources: string[]
  resourceNames?: string[]
  verbs: string[]
}
