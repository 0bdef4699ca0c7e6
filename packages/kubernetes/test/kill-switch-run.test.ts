import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { readJournal, runCli, startCli, tempDir } from '../../../test/support/cli.ts'
import {
  imageLikeBin,
  interpolateComponent,
  loadComponent,
  readDotenv,
  runJob,
} from '../../../test/support/gitlab.ts'
import { createNamespace, deleteNamespace, kubectl } from '../../../test/support/kubectl.ts'
import { REPO_ROOT } from '../../../test/support/paths.ts'
import { serviceAccountKubeconfig } from './service-account.ts'

const RBAC = join(REPO_ROOT, 'deploy/rbac')

/**
 * The kill switch wired into runs: a run whose experiment touches a namespace is refused while the
 * switch of that namespace (or the global one) is pulled or cannot be read, and a running run stops
 * when it is pulled, through the same path as a tripped safeguard (rollbacks run).
 */
describe('the kill switch, for runs', () => {
  const kubeconfig = inject('kubeconfig')
  let ns: string
  let global: string
  let runner: string

  /** An experiment that creates a Secret in `ns`, pauses, and deletes it again in its rollbacks. */
  function experiment(dir: string, pauseSeconds: number): string {
    const spec = join(dir, 'secret.json')
    writeFileSync(
      spec,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'fault' },
        stringData: { a: 'b' },
      }),
    )
    const path = join(dir, 'experiment.json')
    writeFileSync(
      path,
      JSON.stringify({
        title: 'a run the kill switch guards',
        description: 'creates a Secret, pauses, deletes it in the rollbacks',
        configuration: { target: ns },
        method: [
          {
            type: 'action',
            name: 'inject',
            provider: {
              type: 'python',
              module: 'chaosk8s.secret.actions',
              func: 'create_secret',
              arguments: { spec_path: spec, ns: '${target}' },
            },
            pauses: { after: pauseSeconds },
          },
          {
            type: 'action',
            name: 'never-reached',
            provider: { type: 'process', path: 'touch', arguments: [join(dir, 'never')] },
          },
        ],
        rollbacks: [
          {
            type: 'action',
            name: 'repair',
            provider: {
              type: 'python',
              module: 'chaosk8s.secret.actions',
              func: 'delete_secret',
              arguments: { name: 'fault', ns: '${target}' },
            },
          },
        ],
      }),
    )
    return path
  }

  const pull = (namespace: string, reason: string) =>
    runCli(['kill-switch', 'set', '--namespace', namespace, '--reason', reason, '--by', 'alice'], {
      env: { KUBECONFIG: kubeconfig },
    })
  const secretExists = async () =>
    (await kubectl(kubeconfig, ['-n', ns, 'get', 'secrets', '-o', 'name'])).includes('secret/fault')

  beforeAll(async () => {
    ns = await createNamespace(kubeconfig, 'kill-run')
    global = await createNamespace(kubeconfig, 'kill-run-global')
    for (const file of ['namespace-chaos.yaml', 'kill-switch.yaml'])
      await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', join(RBAC, file)])
    await kubectl(kubeconfig, ['-n', global, 'apply', '-f', join(RBAC, 'kill-switch.yaml')])
    // The fault these tests inject (a Secret) needs more than deploy/rbac grants: a Role of the test's.
    await kubectl(kubeconfig, [
      '-n',
      ns,
      'create',
      'role',
      'secrets',
      '--verb=create,delete',
      '--resource=secrets',
    ])
    await kubectl(kubeconfig, [
      '-n',
      ns,
      'create',
      'rolebinding',
      'secrets',
      '--role=secrets',
      `--serviceaccount=${ns}:steadystate`,
    ])
    runner = await serviceAccountKubeconfig(kubeconfig, ns, 'steadystate')
  })
  afterEach(async () => {
    for (const namespace of [ns, global])
      await runCli(['kill-switch', 'clear', '--namespace', namespace], { env: { KUBECONFIG: kubeconfig } })
  })
  afterAll(async () => {
    await deleteNamespace(kubeconfig, ns)
    await deleteNamespace(kubeconfig, global)
  })

  it('refuses a run while the switch of its namespace is pulled: who, when, why, how to clear', async () => {
    expect((await pull(ns, 'incident 4711')).code).toBe(0)
    const dir = tempDir()
    const result = await runCli(['run', experiment(dir, 1)], { cwd: dir, env: { KUBECONFIG: runner } })
    expect(result.code, result.stderr).toBe(1)
    const journal = readJournal(join(dir, 'journal.json'))
    expect(journal.status).toBe('aborted')
    expect(journal.run).toEqual([])
    expect(journal.rollbacks).toEqual([])
    expect(await secretExists()).toBe(false)
    expect(journal.steadystate?.error?.code).toBe('KILL_SWITCH')
    const message = journal.steadystate?.error?.message ?? ''
    expect(message).toMatch(
      new RegExp(
        `^nothing was run: the kill switch is pulled \\(ConfigMap steadystate-kill-switch, key stop, in namespace ${ns}\\): ` +
          `"incident 4711" by alice at \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z; runs stop and new ones are refused until it is released ` +
          `\\(steadystate kill-switch clear --namespace ${ns}\\)$`,
      ),
    )
    expect(result.stderr).toContain(message)
    expect(journal.steadystate?.verdict.summary).toContain('"incident 4711"')
  })

  it('refuses on the global switch, and when a switch cannot be read (fail closed)', async () => {
    const dir = tempDir()
    const path = experiment(dir, 1)
    expect((await pull(global, 'change freeze')).code).toBe(0)
    const frozen = await runCli(['run', path], {
      cwd: dir,
      env: { KUBECONFIG: kubeconfig, STEADYSTATE_KILL_SWITCH_NAMESPACE: global },
    })
    expect(frozen.code).toBe(1)
    expect(readJournal(join(dir, 'journal.json')).steadystate?.error).toMatchObject({
      code: 'KILL_SWITCH',
      message: expect.stringContaining(`in namespace ${global}): "change freeze" by alice`) as string,
    })
    await runCli(['kill-switch', 'clear', '--namespace', global], { env: { KUBECONFIG: kubeconfig } })

    // The runner's Role reads the switch of its own namespace only: the global one it cannot read.
    const blind = await runCli(['run', path], {
      cwd: dir,
      env: { KUBECONFIG: runner, STEADYSTATE_KILL_SWITCH_NAMESPACE: global },
    })
    expect(blind.code).toBe(1)
    const journal = readJournal(join(dir, 'journal.json'))
    expect(journal.run).toEqual([])
    expect(journal.steadystate?.error?.code).toBe('KILL_SWITCH')
    expect(journal.steadystate?.error?.message).toMatch(
      new RegExp(
        `^nothing was run: cannot read the kill switch \\(ConfigMap steadystate-kill-switch, key stop, in namespace ${global}\\): ` +
          'Kubernetes API GET .*403 Forbidden.*not knowing whether it is pulled counts as pulled',
      ),
    )
    expect(await secretExists()).toBe(false)
  })

  it('stops a run in its pause when pulled: pause cut short, rollbacks run, interrupted, steadystate.stop', async () => {
    const dir = tempDir()
    const running = startCli(['run', experiment(dir, 120)], {
      cwd: dir,
      env: { KUBECONFIG: runner, STEADYSTATE_KILL_SWITCH_INTERVAL: '1' },
    })
    await running.waitFor(/pausing 2 min 0 s after 'inject'/, 60_000)
    expect(await secretExists()).toBe(true)
    expect((await pull(ns, 'stop the chaos')).code).toBe(0)
    const result = await running.done
    expect(result.code, result.stderr).toBe(1)
    expect(result.stderr).toContain(
      `the kill switch is pulled (ConfigMap steadystate-kill-switch, key stop, in namespace ${ns}): "stop the chaos" by alice`,
    )
    const journal = readJournal(join(dir, 'journal.json'))
    expect(journal.status).toBe('interrupted')
    expect(journal.run.map((run) => run.activity.name)).toEqual(['inject'])
    expect(existsSync(join(dir, 'never'))).toBe(false)
    expect(journal.rollbacks.map((run) => [run.activity.name, run.status])).toEqual([['repair', 'succeeded']])
    expect(await secretExists()).toBe(false)
    expect(journal.steadystate?.interruption?.signal).toBe('the kill switch was pulled')
    const stop = journal.steadystate?.stop
    expect(stop).toMatchObject({
      source: 'kill-switch',
      control: 'kill-switch',
      probe: `ConfigMap steadystate-kill-switch, key stop, in namespace ${ns}`,
      value: { namespace: ns, reason: 'stop the chaos', by: 'alice' },
      reason: expect.stringContaining('"stop the chaos"') as string,
    })
    // Read from the run's own record: seen within a few checks of the pull, halted soon after.
    const pulledAt = Date.parse(String((stop?.value as { at?: string } | undefined)?.at))
    expect(Date.parse(stop?.trippedAt ?? '') - pulledAt).toBeLessThan(6_000)
    expect(stop?.timeToHalt).toBeLessThan(5)
    expect(journal.steadystate?.verdict.summary).toContain('stopped by the kill switch')
    expect(journal.steadystate?.cluster).toBeDefined()

    // The next run is refused.
    const next = await runCli(['run', 'experiment.json', '--journal-path', 'next.json'], {
      cwd: dir,
      env: { KUBECONFIG: runner },
    })
    expect(next.code).toBe(1)
    expect(readJournal(join(dir, 'next.json')).steadystate?.error?.code).toBe('KILL_SWITCH')
  })

  it('never blocks undoing a fault: a killed run is rolled back while the switch is pulled', async () => {
    const dir = tempDir()
    // Without the cluster record the switch is watched all the same; the runner is then killed.
    const running = startCli(['run', experiment(dir, 120), '--no-cluster-record'], {
      cwd: dir,
      env: { KUBECONFIG: runner },
    })
    await running.waitFor(/pausing 2 min 0 s after 'inject'/, 60_000)
    running.child.kill('SIGKILL')
    await running.done
    expect(readJournal(join(dir, 'journal.json')).status).toBe('running')
    expect(await secretExists()).toBe(true)
    expect((await pull(ns, 'incident 5')).code).toBe(0)
    const rollback = await runCli(['rollback', 'journal.json'], { cwd: dir, env: { KUBECONFIG: runner } })
    expect(rollback.code, rollback.stderr).toBe(0)
    expect(await secretExists()).toBe(false)
    expect(readJournal(join(dir, 'journal.json')).rollbacks.map((run) => run.status)).toEqual(['succeeded'])
  })

  it('reaches the GitLab job: it fails, and its dotenv summary says the switch is pulled', async () => {
    expect((await pull(ns, 'incident 99')).code).toBe(0)
    const dir = tempDir('steadystate-gitlab-')
    experiment(dir, 1)
    const bin = imageLikeBin(join(dir, '.runner'))
    const result = await runJob(interpolateComponent(loadComponent()), {
      projectDir: dir,
      bin,
      env: { KUBECONFIG: runner },
    })
    expect(result.code, result.output).toBe(1)
    const facts = readDotenv(join(dir, 'steadystate.env'))
    expect(facts).toMatchObject({ STEADYSTATE_STATUS: 'aborted', STEADYSTATE_VERDICT: 'aborted' })
    expect(facts.STEADYSTATE_SUMMARY).toContain(
      `the kill switch is pulled (ConfigMap steadystate-kill-switch, key stop, in namespace ${ns}): "incident 99" by alice`,
    )
    expect(facts.STEADYSTATE_SUMMARY).toContain(`steadystate kill-switch clear --namespace ${ns}`)
  })
})
