import { describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../support/cli.ts'

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
})
