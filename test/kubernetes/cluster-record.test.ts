import { execFile } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, inject, it } from 'vitest'
import { killTree } from '../support/processes.ts'
import { readJournal, runCli, startCli, tempDir } from '../support/cli.ts'
import { kubectl, kubectlJson, useNamespace } from '../support/kubectl.ts'
import { scaleExperiment } from '../support/kubernetes-experiments.ts'
import { REPO_ROOT } from '../support/paths.ts'

const exec = promisify(execFile)

interface ConfigMapList {
  items: { metadata: { name: string; labels?: Record<string, string> } }[]
}
interface Lease {
  metadata: { name: string }
  spec: { holderIdentity?: string; leaseTransitions?: number; leaseDurationSeconds?: number }
}

describe('the cluster record and the lock of Kubernetes runs, on a real API server', () => {
  const kubeconfig = inject('kubeconfig')
  const env = { KUBECONFIG: kubeconfig }
  const namespace = useNamespace(kubeconfig, 'record')

  const replicas = async () =>
    Number(
      await kubectl(kubeconfig, [
        '-n',
        namespace(),
        'get',
        'deployment',
        'web',
        '-o',
        'jsonpath={.spec.replicas}',
      ]),
    )
  const records = async () =>
    (
      await kubectlJson<ConfigMapList>(kubeconfig, [
        '-n',
        namespace(),
        'get',
        'configmaps',
        '-l',
        'app.kubernetes.io/managed-by=steadystate',
      ])
    ).items
  const lease = (name: string) => kubectlJson<Lease>(kubeconfig, ['-n', namespace(), 'get', 'lease', name])
  const deployWeb = () =>
    kubectl(kubeconfig, [
      '-n',
      namespace(),
      'create',
      'deployment',
      'web',
      '--image=registry.invalid/web:1',
      '--replicas=2',
    ])
  const experimentIn = (dir: string, holdSeconds: number) =>
    writeFileSync(join(dir, 'experiment.json'), JSON.stringify(scaleExperiment(namespace(), holdSeconds)))

  it('runs SIGKILLed at random moments, journal directory deleted: steadystate recover restores the cluster', async () => {
    // bench/kill-anywhere-kubernetes.mjs is the harness: 6 runs here, 40 in bench/ (README).
    const { stdout } = await exec(
      process.execPath,
      [join(REPO_ROOT, 'bench/kill-anywhere-kubernetes.mjs'), '--runs', '6', '--seed', '11', '--json'],
      { env: { ...process.env, ...env }, timeout: 240_000 },
    )
    const summary = JSON.parse(stdout) as Record<string, number | string[]>
    expect(summary.failures, JSON.stringify(summary)).toEqual([])
    // Faults were really in place when runs were killed, so recover was really tested.
    expect(summary.faultsAfterKill).toBeGreaterThan(0)
    expect(summary.faultsWithoutRecord).toBe(0)
    expect(summary.recoverFailures).toBe(0)
    expect(summary.faultsLeftAfterRecover).toBe(0)
    expect(summary.recordsLeftAfterRecover).toBe(0)
  }, 300_000)

  it('two concurrent runs against one namespace: exactly one runs; the other’s journal and exit say why', async () => {
    await deployWeb()
    const first = tempDir()
    const second = tempDir()
    experimentIn(first, 4)
    experimentIn(second, 4)
    const running = startCli(['run', 'experiment.json'], { cwd: first, env })
    await running.waitFor(/record of pending rollbacks kept/, 30_000)
    const refused = await runCli(['run', 'experiment.json'], { cwd: second, env })
    const done = await running.done
    expect(done.code, done.stderr).toBe(0)
    expect(refused.code, refused.stderr).toBe(1)

    const ran = readJournal(join(first, 'journal.json'))
    const other = readJournal(join(second, 'journal.json'))
    expect(ran.status).toBe('completed')
    expect(ran.run).toHaveLength(1)
    expect(other.status).toBe('aborted')
    expect(other.run).toHaveLength(0)
    expect(other.steadystate?.error?.code).toBe('LOCKED')
    const runId = ran.steadystate?.cluster?.runId ?? ''
    expect(runId).toMatch(/^\d{8}-\d{6}-[0-9a-f]{6}$/)
    const message = other.steadystate?.error?.message ?? ''
    expect(message).toMatch(
      new RegExp(
        `^the lock steadystate-lock-web-survives-losing-its-pods-[0-9a-f]{8} \\(Lease in namespace ${namespace()}\\) is held by run ${runId} \\(host [^)]+\\) since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z, renewed \\d+ s ago \\(lease 30 s\\): another run of this experiment is at work`,
      ),
    )
    expect(refused.stderr).toContain(message)
    // The run that ran leaves nothing behind: record deleted, lock released, fault undone.
    expect(await records()).toEqual([])
    expect(await replicas()).toBe(2)
    const lock = await lease(ran.steadystate?.cluster?.records[0]?.lease ?? '')
    expect(lock.spec.holderIdentity).toBeUndefined()
  })

  it('a second run waits for the lock up to --lock-timeout, then runs', async () => {
    await deployWeb()
    const first = tempDir()
    const second = tempDir()
    experimentIn(first, 2)
    experimentIn(second, 0)
    const running = startCli(['run', 'experiment.json'], { cwd: first, env })
    await running.waitFor(/lock taken/, 30_000)
    const waited = await runCli(['run', 'experiment.json', '--lock-timeout', '60'], { cwd: second, env })
    expect((await running.done).code).toBe(0)
    expect(waited.code, waited.stderr).toBe(0)
    expect(waited.stderr).toMatch(
      /waiting for the lock steadystate-lock-web-survives-losing-its-pods-[0-9a-f]{8} \(Lease in namespace .*\), held by run /,
    )
    expect(readJournal(join(second, 'journal.json')).status).toBe('completed')
  })

  it('a lock whose holder stopped renewing it is taken over, saying so', async () => {
    await deployWeb()
    const dead = '20250101-000000-dead00'
    await kubectl(
      kubeconfig,
      ['-n', namespace(), 'apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name: 'shop-chaos',
          annotations: { 'steadystate.dev/origin': 'GitLab job 42, host gone' },
        },
        spec: {
          holderIdentity: dead,
          leaseDurationSeconds: 15,
          acquireTime: '2025-01-01T00:00:00.000000Z',
          renewTime: new Date(Date.now() - 60_000).toISOString().replace('Z', '000Z'),
          leaseTransitions: 3,
        },
      }),
    )
    const dir = tempDir()
    experimentIn(dir, 0)
    const result = await runCli(['run', 'experiment.json', '--lock', 'shop-chaos'], { cwd: dir, env })
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toMatch(
      new RegExp(
        `took over the lock shop-chaos \\(Lease in namespace ${namespace()}\\) from run ${dead} \\(GitLab job 42, host gone\\) since 2025-01-01T00:00:00.000000Z, renewed \\d+ s ago \\(lease 15 s\\): it was not renewed for longer than its lease, so its holder is taken for dead`,
      ),
    )
    const lock = await lease('shop-chaos')
    expect(lock.spec.holderIdentity).toBeUndefined()
    expect(lock.spec.leaseTransitions).toBe(4)
  })

  it('a killed run’s record stops the next run until steadystate recover has played it; live runs are left alone', async () => {
    await deployWeb()
    const dir = tempDir()
    experimentIn(dir, 60)
    const killed = startCli(['run', 'experiment.json', '--lock-lease', '2'], { cwd: dir, env })
    await killed.waitFor(/scaled Deployment 'web'/, 30_000)
    const journals = tempDir()
    // While the run is alive, recover leaves it alone.
    const alive = await runCli(['recover', '--namespace', namespace(), '--journal-dir', journals], { env })
    expect(alive.code, alive.stderr).toBe(0)
    expect(alive.stderr).toMatch(
      /its run holds its lock: run \S+ \(host [^)]+\).*\n.*left alone \(not abandoned\)/,
    )
    expect(await replicas()).toBe(0)

    killTree(killed.child.pid ?? 0)
    await killed.done
    const [record] = await records()
    const runId = record?.metadata.labels?.['steadystate.dev/run-id'] ?? ''
    expect(record?.metadata.name).toBe(`steadystate-run-${runId}`)

    const next = tempDir()
    experimentIn(next, 0)
    const blocked = await runCli(['run', 'experiment.json', '--lock-timeout', '20'], { cwd: next, env })
    expect(blocked.code, blocked.stderr).toBe(1)
    const journal = readJournal(join(next, 'journal.json'))
    expect(journal.status).toBe('aborted')
    expect(journal.run).toEqual([])
    expect(journal.steadystate?.error?.code).toBe('PENDING_ROLLBACKS')
    expect(journal.steadystate?.error?.message).toContain(`run ${runId} (host `)
    expect(journal.steadystate?.error?.message).toContain(
      `left rollbacks pending in namespace ${namespace()}`,
    )
    expect(journal.steadystate?.error?.message).toContain(`steadystate recover --namespace ${namespace()}`)
    expect(await replicas()).toBe(0)

    const dry = await runCli(['recover', '--namespace', namespace(), '--dry', '--journal-dir', journals], {
      env,
    })
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stderr).toMatch(/abandoned|its lock (was last renewed|is free)/)
    expect(dry.stderr).toContain(`${namespace()}/steadystate-run-${runId}: would play scale-up`)
    expect(await replicas()).toBe(0)
    expect(await records()).toHaveLength(1)

    const recovered = await runCli(['recover', '--namespace', namespace(), '--journal-dir', journals], {
      env,
    })
    expect(recovered.code, recovered.stderr).toBe(0)
    expect(await replicas()).toBe(2)
    expect(await records()).toEqual([])
    expect(readdirSync(journals)).toEqual([`steadystate-run-${runId}.json`])
    const written = readJournal(join(journals, `steadystate-run-${runId}.json`))
    expect(written.status).toBe('interrupted')
    expect(written.steadystate?.recovered?.by).toMatch(/^steadystate recover on /)
    expect(written.rollbacks.map((run) => [run.activity.name, run.status])).toEqual([
      ['scale-up', 'succeeded'],
    ])

    const again = await runCli(['run', 'experiment.json'], { cwd: next, env })
    expect(again.code, again.stderr).toBe(0)
  })

  it('steadystate rollback on the journal of a killed run deletes its record and frees its lock', async () => {
    await deployWeb()
    const dir = tempDir()
    experimentIn(dir, 60)
    const killed = startCli(['run', 'experiment.json'], { cwd: dir, env })
    await killed.waitFor(/scaled Deployment 'web'/, 30_000)
    killTree(killed.child.pid ?? 0)
    await killed.done
    expect(await records()).toHaveLength(1)
    // Right away, as a CI job's post step does: the run's own lock is taken over, not waited for.
    const rollback = await runCli(['rollback', 'journal.json'], { cwd: dir, env })
    expect(rollback.code, rollback.stderr).toBe(0)
    expect(rollback.stderr).toMatch(
      /took over the lock \S+ \(Lease in namespace \S+\) from the run it recovers/,
    )
    expect(await replicas()).toBe(2)
    expect(await records()).toEqual([])
    const cluster = readJournal(join(dir, 'journal.json')).steadystate?.cluster
    expect((await lease(cluster?.records[0]?.lease ?? '')).spec.holderIdentity).toBeUndefined()
    const none = await runCli(['recover', '--namespace', namespace()], { env })
    expect(none.code).toBe(0)
    expect(none.stderr).toContain(`no run records in namespace ${namespace()}`)
  })
})

describe('recover without a cluster', () => {
  it('says what it lacks and exits 1', async () => {
    const result = await runCli(['recover'], { env: { KUBECONFIG: '/nonexistent/kubeconfig' } })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      'cannot list the run records: KUBECONFIG names /nonexistent/kubeconfig, which does not exist',
    )
  })
})
