import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { readJournal, startCli, tempDir } from '../../../test/support/cli.ts'
import { kubectl, kubectlJson, listPods, useNamespace, waitUntil } from '../../../test/support/kubectl.ts'
import { callK8s } from './call.ts'

/**
 * What made seed runs hang after terminate_pods: a controller created a replacement, deleted it
 * before it was Ready and created another; the recovery measurement held on to the first, so the
 * run waited for it until the measurement's 300 s deadline, and a SIGTERM during that wait wrote a
 * journal that did not say interrupted. Both reproduced here deterministically, with pods made by
 * hand for an owner no controller acts on, and a ReplicaSet whose new pods cannot be scheduled.
 */
describe('recovery measurement after terminate_pods', () => {
  const kubeconfig = inject('kubeconfig')
  const namespace = useNamespace(kubeconfig, 'recovery')

  /** A pod owned by ConfigMap `owner` (nothing recreates it: the test plays the controller). */
  const ownedPod = (name: string, ownerUid: string, schedulable: boolean): string =>
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        labels: { app: 'victim' },
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: ownerUid, controller: true },
        ],
      },
      spec: {
        containers: [{ name: 'app', image: 'registry.invalid/app:1' }],
        ...(schedulable ? {} : { nodeSelector: { type: 'nowhere' } }),
      },
    })

  it('takes the next pod of the owner as the replacement when the first one is deleted before it is Ready', async () => {
    const ns = namespace()
    await kubectl(kubeconfig, ['-n', ns, 'create', 'configmap', 'owner'])
    const owner = await kubectlJson<{ metadata: { uid: string } }>(kubeconfig, [
      '-n',
      ns,
      'get',
      'configmap',
      'owner',
    ])
    const uid = owner.metadata.uid
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', '-'], ownedPod('victim', uid, true))
    await waitUntil(
      'victim Ready',
      () => listPods(kubeconfig, ns, 'app=victim'),
      (pods) => pods[0]?.ready === true,
    )

    const kill = await callK8s(kubeconfig, 'chaosk8s.pod.actions', 'terminate_pods', {
      label_selector: 'app=victim',
      ns,
      all: true,
      grace_period: 0,
    })
    expect(kill.output).toEqual(['victim'])
    await waitUntil(
      'victim gone',
      () => listPods(kubeconfig, ns, 'app=victim'),
      (pods) => pods.length === 0,
    )
    // A first replacement that never becomes Ready, deleted again; then the one that does.
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', '-'], ownedPod('replacement-a', uid, false))
    await kubectl(kubeconfig, [
      '-n',
      ns,
      'delete',
      'pod',
      'replacement-a',
      '--grace-period=0',
      '--force',
      '--wait=true',
    ])
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', '-'], ownedPod('replacement-b', uid, true))

    await kill.settled
    const recovery = kill.measurements.find((m) => m.kind === 'recovery')?.data as {
      victims: { pod: string; replacement: string; recovered: boolean }[]
      unrecovered: string[]
      timedOut: boolean
    }
    expect(recovery.victims).toEqual([
      expect.objectContaining({ pod: 'victim', replacement: 'replacement-b', recovered: true }),
    ])
    expect(recovery.unrecovered).toEqual([])
    expect(recovery.timedOut).toBe(false)
  })

  it('a SIGTERM while the run waits for the measurement ends it at once, rolled back, with an interrupted journal', async () => {
    const ns = namespace()
    const labels = { app: 'stuck' }
    const replicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'stuck', labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: 'app', image: 'registry.invalid/app:1' }] },
        },
      },
    }
    await kubectl(kubeconfig, ['-n', ns, 'apply', '-f', '-'], JSON.stringify(replicaSet))
    await waitUntil(
      '2 Ready pods',
      () => listPods(kubeconfig, ns, 'app=stuck'),
      (pods) => pods.filter((p) => p.ready).length === 2,
    )
    // Pods it creates from now on can never be scheduled: the killed one is never replaced.
    await kubectl(kubeconfig, [
      '-n',
      ns,
      'patch',
      'replicaset',
      'stuck',
      '--type=merge',
      '-p',
      JSON.stringify({ spec: { template: { spec: { nodeSelector: { type: 'nowhere' } } } } }),
    ])
    const dir = tempDir()
    writeFileSync(
      join(dir, 'experiment.json'),
      JSON.stringify({
        title: 'a kill whose replacement never comes',
        description: 'the run ends waiting for the recovery measurement',
        method: [
          {
            type: 'action',
            name: 'kill-one',
            provider: {
              type: 'python',
              module: 'chaosk8s.pod.actions',
              func: 'terminate_pods',
              arguments: { label_selector: 'app=stuck', ns },
            },
          },
        ],
        rollbacks: [
          {
            type: 'action',
            name: 'repair',
            provider: { type: 'process', path: 'touch', arguments: [join(dir, 'repaired')] },
          },
        ],
      }),
    )
    const run = startCli(['run', 'experiment.json', '--rollback-strategy', 'always'], {
      cwd: dir,
      env: { KUBECONFIG: kubeconfig },
    })
    await run.waitFor(
      /waiting for 1 background task\(s\) to finish: recovery of 1 terminated pod\(s\)/,
      60_000,
    )
    run.child.kill('SIGTERM')
    const result = await run.done
    expect(result.code, result.stderr).toBe(1)
    const journal = readJournal(join(dir, 'journal.json'))
    expect(journal.status).toBe('interrupted')
    expect(journal.steadystate?.interruption).toMatchObject({
      signal: 'SIGTERM',
      phase: 'waiting for background work',
    })
    expect(journal.rollbacks.map((r) => [r.activity.name, r.status])).toEqual([['repair', 'succeeded']])
    const recovery = journal.steadystate?.measurements.find((m) => m.kind === 'recovery')?.data
    expect(recovery).toMatchObject({ timedOut: false, interrupted: true, unrecovered: [expect.any(String)] })
    expect(result.stderr).toContain('measurement stopped before the replacements were Ready')
  })
})
