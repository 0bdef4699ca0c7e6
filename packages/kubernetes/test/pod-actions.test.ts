import { beforeEach, describe, expect, inject, it } from 'vitest'
import { listPods, useNamespace, deployReady } from '../../../test/support/kubectl.ts'
import { callK8s } from './call.ts'

describe('chaosk8s.pod.actions against a real API server', () => {
  const kubeconfig = inject('kubeconfig')
  const namespace = useNamespace(kubeconfig, 'pods')
  let ns: string
  beforeEach(async () => {
    ns = namespace()
    await deployReady(kubeconfig, ns, 'web', 4)
  })

  it('terminate_pods kills the chosen pods, returns their names and measures each replacement becoming Ready', async () => {
    const before = await listPods(kubeconfig, ns, 'app=web')
    const result = await callK8s(kubeconfig, 'chaosk8s.pod.actions', 'terminate_pods', {
      label_selector: 'app=web',
      ns,
      qty: 2,
      rand: true,
    })
    const names = result.output as string[]
    expect(names).toHaveLength(2)
    for (const name of names) expect(before.map((p) => p.name)).toContain(name)
    await result.settled
    const recovery = result.measurements.find((m) => m.kind === 'recovery')?.data as {
      victims: { pod: string; replacement: string; readySeconds: number; recovered: boolean; owner: string }[]
      unrecovered: string[]
    }
    expect(recovery.unrecovered).toEqual([])
    expect(recovery.victims.map((v) => v.pod).sort()).toEqual([...names].sort())
    for (const victim of recovery.victims) {
      expect(victim.recovered).toBe(true)
      expect(victim.owner).toMatch(/^ReplicaSet\/web-/)
      expect(names).not.toContain(victim.replacement)
      expect(victim.readySeconds).toBeGreaterThanOrEqual(0)
    }
    const after = await listPods(kubeconfig, ns, 'app=web')
    expect(after.filter((p) => p.ready && !p.deleting)).toHaveLength(4)
  })

  it('records the random seed it used, so a run can be replayed', async () => {
    const pick = async () =>
      (
        await callK8s(
          kubeconfig,
          'chaosk8s.pod.actions',
          'terminate_pods',
          { label_selector: 'app=web', ns, rand: true },
          { configuration: { steadystate_guardrails: { seed: 7 } } },
        )
      ).logs[0]
    const first = await pick()
    expect(first).toMatch(/seed 7/)
  })

  it('fails clearly when the name pattern matches none of the pods the label selector found', async () => {
    await expect(
      callK8s(kubeconfig, 'chaosk8s.pod.actions', 'terminate_pods', {
        label_selector: 'app=web',
        name_pattern: 'web-[0-9]$',
        ns,
      }),
    ).rejects.toThrow(
      new RegExp(
        `label selector 'app=web' found 4 pod\\(s\\), but none match name_pattern 'web-\\[0-9\\]\\$' \\(e\\.g\\. 'web-[a-z0-9]+-[a-z0-9]+'\\), so no fault was injected`,
      ),
    )
    expect((await listPods(kubeconfig, ns, 'app=web')).filter((p) => !p.deleting)).toHaveLength(4)
  })

  it('refuses to pick from a whole namespace without all: true, protected namespaces, and more than the caps', async () => {
    await expect(callK8s(kubeconfig, 'chaosk8s.pod.actions', 'terminate_pods', { ns })).rejects.toThrow(
      /no label_selector, field_selector or name_pattern/,
    )
    await expect(
      callK8s(kubeconfig, 'chaosk8s.pod.actions', 'terminate_pods', { ns: 'kube-system', all: true }),
    ).rejects.toThrow(/namespace 'kube-system' is protected/)
    await expect(
      callK8s(kubeconfig, 'chaosk8s.pod.actions', 'terminate_pods', {
        label_selector: 'app=web',
        ns,
        qty: 3,
      }),
    ).rejects.toThrow(/would terminate 3 of 4 matching pods \(75%\)/)
    await expect(
      callK8s(
        kubeconfig,
        'chaosk8s.pod.actions',
        'terminate_pods',
        { label_selector: 'app=web', ns, all: true },
        { configuration: { steadystate_guardrails: { max_pods: 2 } } },
      ),
    ).rejects.toThrow(/would terminate 4 pods, more than the guardrail allows \(2\)/)
    expect((await listPods(kubeconfig, ns, 'app=web')).filter((p) => !p.deleting)).toHaveLength(4)
  })

  it('supports the modes of peers: percentage rounds up, fixed-percent rounds down, oldest first', async () => {
    const percentage = await callK8s(kubeconfig, 'chaosk8s.pod.actions', 'terminate_pods', {
      label_selector: 'app=web',
      ns,
      mode: 'percentage',
      qty: 30,
    })
    expect(percentage.output).toHaveLength(2)
    await percentage.settled
    const fixedPercent = await callK8s(kubeconfig, 'chaosk8s.pod.actions', 'terminate_pods', {
      label_selector: 'app=web',
      ns,
      mode: 'fixed-percent',
      qty: 30,
      ready_only: true,
    })
    expect(fixedPercent.output).toHaveLength(1)
    await fixedPercent.settled
  })
})
