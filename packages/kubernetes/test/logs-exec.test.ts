import { beforeEach, describe, expect, inject, it } from 'vitest'
import { listPods, useNamespace, deployReady } from '../../../test/support/kubectl.ts'
import { callK8s } from './call.ts'

/**
 * Logs and exec go through the API server to the node's kubelet API, which kwok simulates in the
 * test cluster: every container logs three fixed lines, and exec runs the command on this machine.
 */
describe('pod logs and exec through the API server', () => {
  const kubeconfig = inject('kubeconfig')
  const namespace = useNamespace(kubeconfig, 'logs')
  let ns: string
  beforeEach(async () => {
    ns = namespace()
    await deployReady(kubeconfig, ns, 'web', 2, { name: 'web', app: 'web' })
  })

  it('read_pod_logs returns each pod’s log, keyed by pod, with the reference’s {name} selector', async () => {
    const result = await callK8s(kubeconfig, 'chaosk8s.pod.probes', 'read_pod_logs', { name: 'web', ns })
    const logs = result.output as Record<string, string>
    const pods = await listPods(kubeconfig, ns, 'app=web')
    expect(Object.keys(logs).sort()).toEqual(pods.map((p) => p.name).sort())
    for (const text of Object.values(logs))
      expect(text).toMatch(/steadystate test container: serving on :8080/)
    const legacy = await callK8s(kubeconfig, 'chaosk8s.probes', 'read_microservices_logs', {
      name: 'web',
      ns,
    })
    expect(Object.keys(legacy.output as object)).toHaveLength(2)
  })

  it('should_be_found_in_logs judges the logs with a Python regex, in all or any container', async () => {
    const logs = (await callK8s(kubeconfig, 'chaosk8s.pod.probes', 'read_pod_logs', { name: 'web', ns }))
      .output
    const found = (pattern: string, all = true) =>
      callK8s(kubeconfig, 'chaosk8s.pod.probes', 'should_be_found_in_logs', {
        pattern,
        all_containers: all,
        value: logs,
      })
    expect((await found('serving on :\\d+')).output).toBe(true)
    expect((await found('(?i)READY$')).output).toBe(true)
    expect((await found('panic')).output).toBe(false)
    await expect(
      callK8s(kubeconfig, 'chaosk8s.pod.probes', 'should_be_found_in_logs', { pattern: 'x', value: {} }),
    ).rejects.toThrow(/needs the logs/)
  })

  it('exec_in_pods runs the command in the selected pods and reports each exit code and output', async () => {
    const result = await callK8s(kubeconfig, 'chaosk8s.pod.actions', 'exec_in_pods', {
      cmd: 'echo chaos-was-here',
      label_selector: 'app=web',
      ns,
      all: true,
    })
    const runs = result.output as { pod_name: string; exit_code: number; stdout: string; cmd: string[] }[]
    expect(runs).toHaveLength(2)
    for (const run of runs) {
      expect(run.exit_code).toBe(0)
      expect(run.stdout).toBe('chaos-was-here\n')
      expect(run.cmd).toEqual(['echo', 'chaos-was-here'])
    }
    const failing = await callK8s(kubeconfig, 'chaosk8s.pod.actions', 'exec_in_pods', {
      cmd: ['sh', '-c', 'exit 3'],
      label_selector: 'app=web',
      ns,
      qty: 1,
    })
    expect((failing.output as { exit_code: number }[])[0]?.exit_code).not.toBe(0)
    await expect(
      callK8s(kubeconfig, 'chaosk8s.pod.actions', 'exec_in_pods', { cmd: '', label_selector: 'app=web', ns }),
    ).rejects.toThrow(/non-empty cmd/)
  })
})
