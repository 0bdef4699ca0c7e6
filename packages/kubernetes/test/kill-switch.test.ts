import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { readJournal, runCli, startCli, tempDir } from '../../../test/support/cli.ts'
import { createNamespace, deleteNamespace, kubectl, kubectlJson } from '../../../test/support/kubectl.ts'
import { REPO_ROOT } from '../../../test/support/paths.ts'
import { checkKillSwitches } from '../src/kill-switch/check.ts'
import { killSwitchRef } from '../src/kill-switch/kill-switch.ts'
import { callK8s } from './call.ts'
import { serviceAccountKubeconfig } from './service-account.ts'

const MODULE = 'steadystate.safeguards.kubernetes'
const RBAC = join(REPO_ROOT, 'deploy/rbac')

interface ConfigMap {
  metadata: { annotations?: Record<string, string> }
  data?: Record<string, string>
}

/** Sets the switch's key by hand, as an operator with kubectl would. */
async function setByHand(kubeconfig: string, ns: string, value: string | null): Promise<void> {
  await kubectl(kubeconfig, [
    '-n',
    ns,
    'patch',
    'configmap',
    'steadystate-kill-switch',
    '--type=merge',
    '-p',
    JSON.stringify({ data: { stop: value } }),
  ])
}

describe('the Kubernetes kill switch', () => {
  const kubeconfig = inject('kubeconfig')
  let ns: string
  let global: string
  let runner: string
  let lever: string
  beforeAll(async () => {
    ns = await createNamespace(kubeconfig, 'kill')
    global = await createNamespace(kubeconfig, 'kill-global')
    for (const file of ['namespace-chaos.yaml', 'kill-switch.yaml'])
      await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', join(RBAC, file)])
    await kubectl(kubeconfig, ['-n', global, 'apply', '-f', join(RBAC, 'kill-switch.yaml')])
    // Whoever holds the lever: here a ServiceAccount bound to the lever Role, as the file says.
    await kubectl(kubeconfig, ['-n', ns, 'create', 'serviceaccount', 'oncall'])
    await kubectl(kubeconfig, [
      '-n',
      ns,
      'create',
      'rolebinding',
      'oncall-kill-switch',
      '--role=steadystate-kill-switch-lever',
      `--serviceaccount=${ns}:oncall`,
    ])
    runner = await serviceAccountKubeconfig(kubeconfig, ns, 'steadystate')
    lever = await serviceAccountKubeconfig(kubeconfig, ns, 'oncall')
  })
  // Each test starts with both switches released, whatever the last one left.
  afterEach(async () => {
    for (const namespace of [ns, global]) await setByHand(kubeconfig, namespace, null)
  })
  afterAll(async () => {
    await deleteNamespace(kubeconfig, ns)
    await deleteNamespace(kubeconfig, global)
  })

  it('is pulled and released by the lever holder only; runs can read it (least privilege)', async () => {
    const cli = (config: string, args: string[]) =>
      runCli(['kill-switch', ...args, '--namespace', ns], { env: { KUBECONFIG: config } })
    const released = `released: ConfigMap steadystate-kill-switch, key stop, in namespace ${ns}\n`
    expect(await cli(runner, ['status'])).toMatchObject({ code: 0, stdout: released })

    const refused = await cli(runner, ['set', '--reason', 'not mine to pull'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(
      new RegExp(
        `^steadystate kill-switch set: Kubernetes API PATCH .*403 Forbidden: .*system:serviceaccount:${ns}:steadystate.*` +
          'needs the Role steadystate-kill-switch-lever in deploy/rbac/kill-switch.yaml',
      ),
    )

    const pulled = await cli(lever, ['set', '--reason', 'incident 4711', '--by', 'alice'])
    expect(pulled.code, pulled.stderr).toBe(0)
    expect(pulled.stdout).toMatch(
      new RegExp(
        `^kill switch pulled: "incident 4711" by alice at \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\(ConfigMap steadystate-kill-switch, key stop, in namespace ${ns}\\)\n` +
          `runs targeting namespace ${ns} stop at their next check, and new ones are refused`,
      ),
    )
    const status = await cli(runner, ['status'])
    expect(status.code).toBe(1)
    expect(status.stdout).toMatch(
      `pulled: the kill switch is pulled (ConfigMap steadystate-kill-switch, key stop, in namespace ${ns}): "incident 4711" by alice at `,
    )
    // Re-applying the manifest leaves a pulled switch pulled.
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', join(RBAC, 'kill-switch.yaml')])
    const stored = await kubectlJson<ConfigMap>(kubeconfig, [
      '-n',
      ns,
      'get',
      'configmap',
      'steadystate-kill-switch',
    ])
    expect(stored.data).toEqual({ stop: 'incident 4711' })
    expect(stored.metadata.annotations?.['steadystate.dev/kill-switch-pulled-by']).toBe('alice')

    const clear = await cli(lever, ['clear', '--by', 'bob'])
    expect(clear.code, clear.stderr).toBe(0)
    expect(clear.stdout).toMatch(
      `kill switch released (ConfigMap steadystate-kill-switch, key stop, in namespace ${ns}); it was pulled: "incident 4711" by alice`,
    )
    expect(await cli(runner, ['status'])).toMatchObject({ code: 0, stdout: released })
    expect((await cli(lever, ['clear'])).stdout).toBe(
      `the kill switch was not pulled (ConfigMap steadystate-kill-switch, key stop, in namespace ${ns}): nothing to release\n`,
    )
    const after = await kubectlJson<ConfigMap>(kubeconfig, [
      '-n',
      ns,
      'get',
      'configmap',
      'steadystate-kill-switch',
    ])
    expect(after.data ?? {}).toEqual({})
    expect(after.metadata.annotations?.['steadystate.dev/kill-switch-released-by']).toBe('bob')
    expect(after.metadata.annotations?.['steadystate.dev/kill-switch-pulled-by']).toBeUndefined()

    // Without the ConfigMap the manifest creates, the lever holder may not create it, and is told so.
    await kubectl(kubeconfig, ['-n', ns, 'delete', 'configmap', 'steadystate-kill-switch'])
    const missing = await cli(lever, ['set'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain(
      `the ConfigMap steadystate-kill-switch, key stop, in namespace ${ns} does not exist, and these ` +
        `credentials may not create it: apply deploy/rbac/kill-switch.yaml in namespace ${ns}`,
    )
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', join(RBAC, 'kill-switch.yaml')])
  })

  it('as a probe: true while released, false once set (in the namespace or the global one), failing when unreadable', async () => {
    const probe = (args: Record<string, unknown>, env: Record<string, string> = {}) =>
      callK8s(kubeconfig, MODULE, 'kill_switch_released', { ns, ...args }, { env })
    expect((await probe({})).output).toBe(true)
    // No ConfigMap at all is released too.
    expect((await probe({ name: 'no-such-configmap' })).output).toBe(true)
    for (const value of ['false', ' Off ', '0', '']) {
      await setByHand(kubeconfig, ns, value)
      expect((await probe({})).output, JSON.stringify(value)).toBe(true)
    }
    await setByHand(kubeconfig, ns, 'yes')
    const pulled = await probe({})
    expect(pulled.output).toBe(false)
    expect(pulled.logs).toEqual([
      `warn: the kill switch is pulled (ConfigMap steadystate-kill-switch, key stop, in namespace ${ns}): "yes"; ` +
        `runs stop and new ones are refused until it is released (steadystate kill-switch clear --namespace ${ns})`,
    ])
    await setByHand(kubeconfig, ns, null)

    await setByHand(kubeconfig, global, 'maintenance window')
    expect((await probe({ global_ns: global })).output).toBe(false)
    expect((await probe({}, { STEADYSTATE_KILL_SWITCH_NAMESPACE: global })).output).toBe(false)
    await setByHand(kubeconfig, global, null)
    expect((await probe({ global_ns: global })).output).toBe(true)

    // The runner may read its own namespace's switch only: elsewhere it cannot tell, and fails.
    await expect(
      callK8s(runner, MODULE, 'kill_switch_released', { ns: global }, { env: { KUBECONFIG: runner } }),
    ).rejects.toThrow(
      new RegExp(
        `^cannot read the kill switch \\(ConfigMap steadystate-kill-switch, key stop, in namespace ${global}\\): ` +
          'Kubernetes API GET .* 403 Forbidden: .*not knowing whether it is pulled counts as pulled',
      ),
    )
  })

  it('answers the check before a run: clear, pulled (who, why), or unreadable (refuse)', async () => {
    const check = (namespaces: string[], config = kubeconfig) =>
      checkKillSwitches({
        env: { KUBECONFIG: config, STEADYSTATE_KILL_SWITCH_NAMESPACE: global },
        namespaces,
        signal: AbortSignal.timeout(30_000),
      })
    expect(await check([ns])).toEqual({ kind: 'clear', checked: [killSwitchRef(ns), killSwitchRef(global)] })
    await setByHand(kubeconfig, global, 'freeze')
    expect(await check([ns])).toMatchObject({
      kind: 'pulled',
      state: { ref: killSwitchRef(global), reason: 'freeze' },
    })
    await setByHand(kubeconfig, global, null)
    expect(await check([ns], runner)).toMatchObject({ kind: 'unreadable', ref: killSwitchRef(global) })
  })

  it('stops a run checking it continuously (fail-fast), with rollbacks; the next run is refused', async () => {
    const dir = tempDir()
    const steps = Array.from({ length: 12 }, (_, index) => ({
      type: 'action',
      name: `step-${index + 1}`,
      provider: { type: 'process', path: 'sleep', arguments: '1' },
    }))
    writeFileSync(
      join(dir, 'experiment.json'),
      JSON.stringify({
        title: 'a run the kill switch stops',
        description: 'the kill switch as a hypothesis probe, checked every second during the method',
        'steady-state-hypothesis': {
          title: 'the kill switch is released',
          probes: [
            {
              type: 'probe',
              name: 'kill-switch-released',
              tolerance: true,
              provider: { type: 'python', module: MODULE, func: 'kill_switch_released', arguments: { ns } },
            },
          ],
        },
        method: steps,
        rollbacks: [{ type: 'action', name: 'undo', provider: { type: 'process', path: 'true' } }],
      }),
    )
    const args = ['run', 'experiment.json', '--hypothesis-strategy', 'continuously', '--fail-fast']
    const env = { KUBECONFIG: runner }
    const running = startCli(args, { cwd: dir, env })
    await running.waitFor(/step-2/, 60_000)
    await setByHand(kubeconfig, ns, 'stop now')
    const result = await running.done
    const journal = readJournal(join(dir, 'journal.json'))
    expect(result.code, result.stderr).toBe(1)
    // Fail-fast ended the method; the hypothesis after it was not met either.
    expect([journal.status, journal.deviated]).toEqual(['completed', true])
    expect(journal.run.length).toBeLessThan(steps.length)
    expect(journal.rollbacks.map((run) => run.status)).toEqual(['succeeded'])
    expect(result.stderr).toContain(
      `the kill switch is pulled (ConfigMap steadystate-kill-switch, key stop, in namespace ${ns}): "stop now"`,
    )

    // The next run touches the same namespace (its probe reads there): refused before it starts.
    const next = await runCli(args, { cwd: dir, env })
    const refused = readJournal(join(dir, 'journal.json'))
    expect(next.code).toBe(1)
    expect(refused.status).toBe('aborted')
    expect(refused.run).toEqual([])
    expect(refused.steadystate?.error?.code).toBe('KILL_SWITCH')
    expect(next.stderr).toContain('"stop now"')
    await setByHand(kubeconfig, ns, null)
  })
})
