import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readJournal, runCli, tempDir } from '../support/cli.ts'
import { trivialExperiment } from '../support/experiments.ts'

/** What the kill-switch command does without a cluster (the cluster side: packages/kubernetes/test). */
describe('steadystate kill-switch, without a cluster', () => {
  it('explains itself, and refuses what it cannot do', async () => {
    const help = await runCli(['kill-switch', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: steadystate kill-switch set|clear|status [options]')
    const usage = await runCli(['kill-switch', 'pull'])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('steadystate kill-switch: expected set, clear or status')
    const two = await runCli(['kill-switch', 'set', '-n', 'a', '-n', 'b'])
    expect([two.code, two.stderr]).toEqual([2, 'steadystate kill-switch set: one --namespace at a time\n'])
  })

  it('says status is unknown, and fails, when there is no Kubernetes configuration', async () => {
    const home = tempDir()
    const result = await runCli(['kill-switch', 'status', '--namespace', 'shop'], {
      env: {
        HOME: home,
        KUBECONFIG: undefined,
        KUBERNETES_SERVICE_HOST: undefined,
        KUBERNETES_HOST: undefined,
      },
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      'steadystate kill-switch status: no Kubernetes configuration found: set KUBECONFIG',
    )
  })

  it('run --kill-switch-interval: a bad value is a usage error naming the flag; given, it wins over the environment', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'experiment.json'), trivialExperiment('guarded by the global kill switch'))
    const help = await runCli(['run', '--help'])
    expect(help.stdout).toContain(
      '--kill-switch-interval SECS   while the run goes on, read its kill switches again',
    )

    const bad = await runCli(['run', 'experiment.json', '--kill-switch-interval', 'often'], { cwd: dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--kill-switch-interval "often" must be a positive number of seconds')
    expect(readJournal(join(dir, 'journal.json')).steadystate?.error?.code).toBe('USAGE')

    // The global switch puts every run in scope; without a cluster to read it on, the run refuses.
    const noCluster = {
      HOME: dir,
      KUBECONFIG: undefined,
      KUBERNETES_SERVICE_HOST: undefined,
      STEADYSTATE_KILL_SWITCH_NAMESPACE: 'ops',
      STEADYSTATE_KILL_SWITCH_INTERVAL: 'soon',
    }
    const fromEnvironment = await runCli(['run', 'experiment.json'], { cwd: dir, env: noCluster })
    expect(fromEnvironment.code).toBe(1)
    expect(readJournal(join(dir, 'journal.json')).steadystate?.error).toEqual({
      code: 'USAGE',
      message:
        'STEADYSTATE_KILL_SWITCH_INTERVAL="soon" must be a positive number of seconds; nothing was run',
    })
    // With the flag the environment's value is not used: the run gets as far as reading the switch.
    const fromFlag = await runCli(['run', 'experiment.json', '--kill-switch-interval', '2'], {
      cwd: dir,
      env: noCluster,
    })
    expect(fromFlag.code).toBe(1)
    expect(readJournal(join(dir, 'journal.json')).steadystate?.error?.code).toBe('KILL_SWITCH')
  })
})
