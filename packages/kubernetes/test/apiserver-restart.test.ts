import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { readJournal, startCli, tempDir } from '../../../test/support/cli.ts'
import { externalCluster, fault } from '../../../test/support/faults.ts'
import { createNamespace, deleteNamespace, deployReady } from '../../../test/support/kubectl.ts'

function experiment(ns: string): unknown {
  const k8s = (module: string, func: string, args: Record<string, unknown>) => ({
    type: 'python',
    module,
    func,
    arguments: { ns, ...args },
  })
  return {
    title: 'the API server restarts during the method',
    description:
      'kube-apiserver is stopped while the method runs; calls retry until it is back, rollbacks run',
    'steady-state-hypothesis': {
      title: 'web is available',
      probes: [
        {
          type: 'probe',
          name: 'web-available',
          tolerance: true,
          provider: k8s('chaosk8s.deployment.probes', 'deployment_available_and_healthy', { name: 'web' }),
        },
      ],
    },
    method: [
      {
        type: 'action',
        name: 'kill-one',
        provider: k8s('chaosk8s.pod.actions', 'terminate_pods', { label_selector: 'app=web' }),
      },
      { type: 'action', name: 'wait-here', provider: { type: 'process', path: 'sleep', arguments: ['3'] } },
      {
        type: 'probe',
        name: 'count-after-outage',
        provider: k8s('chaosk8s.pod.probes', 'count_pods', { label_selector: 'app=web' }),
      },
      // The controllers and kwok reconnect to the restarted API server on their own backoff, so the
      // replacement pod can take several seconds more to become Ready: wait for it here, as a user
      // would, rather than let the after-hypothesis race the control plane's recovery.
      {
        type: 'probe',
        name: 'web-recovered',
        provider: k8s('chaosk8s.deployment.probes', 'deployment_fully_available', {
          name: 'web',
          timeout: 60,
        }),
      },
    ],
    rollbacks: [
      {
        type: 'action',
        name: 'web-back-to-full-strength',
        provider: k8s('chaosk8s.deployment.probes', 'deployment_fully_available', {
          name: 'web',
          timeout: 60,
        }),
      },
    ],
  }
}

describe.skipIf(externalCluster)('an API server restart mid-experiment', () => {
  const kubeconfig = inject('kubeconfig')
  let ns: string
  beforeEach(async () => {
    ns = await createNamespace(kubeconfig, 'restart')
    await deployReady(kubeconfig, ns, 'web', 3)
  })
  afterEach(async () => {
    await fault('apiserver-start').catch(() => undefined)
    await deleteNamespace(kubeconfig, ns)
  })

  it('loses neither the journal nor the rollbacks: calls retry until the API server is back', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'experiment.json'), JSON.stringify(experiment(ns)))
    const run = startCli(['run', 'experiment.json'], { cwd: dir, env: { KUBECONFIG: kubeconfig } })
    await run.waitFor(/running action 'wait-here'/)
    await fault('apiserver-stop')
    await new Promise((resolve) => setTimeout(resolve, 4_000))
    await fault('apiserver-start')
    const result = await run.done
    expect(result.stderr).toMatch(/Kubernetes API not available \((ECONNREFUSED|\d{3} )/)
    const journal = readJournal(join(dir, 'journal.json'))
    expect(journal.run.map((r) => [r.activity.name, r.status])).toEqual([
      ['kill-one', 'succeeded'],
      ['wait-here', 'succeeded'],
      ['count-after-outage', 'succeeded'],
      ['web-recovered', 'succeeded'],
    ])
    expect(journal.run[3]?.output).toBe(true)
    expect(journal.rollbacks.map((r) => [r.activity.name, r.status, r.output])).toEqual([
      ['web-back-to-full-strength', 'succeeded', true],
    ])
    expect(journal.steady_states.after?.steady_state_met).toBe(true)
    const recovery = journal.steadystate?.measurements.find((m) => m.kind === 'recovery')?.data as {
      unrecovered: string[]
    }
    expect(recovery.unrecovered).toEqual([])
    expect(result.code, result.stderr).toBe(0)
  })
})
