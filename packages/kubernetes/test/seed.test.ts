import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { readJournal, runCli, tempDir } from '../../../test/support/cli.ts'
import { listPods } from '../../../test/support/kubectl.ts'
import { CONFORMANCE } from '../../../test/support/paths.ts'
import { deploySeedWorkloads, removeSeedWorkloads } from './fixtures.ts'

const SEED = join(CONFORMANCE, 'seed/experiment.json')

/**
 * The seed experiment, byte for byte, through the built CLI. It names no namespace, so it runs in
 * `default`; each test creates its workloads there and removes them afterwards.
 */
describe('the seed experiment, unchanged, against a real cluster', () => {
  const kubeconfig = inject('kubeconfig')

  const deploy = (podsFrom: 'statefulset' | 'deployment') => deploySeedWorkloads(kubeconfig, podsFrom)

  afterEach(async () => {
    await removeSeedWorkloads(kubeconfig)
  })

  it('terminates one pod of the StatefulSet my-app, holds the steady state, exits 0 and records the recovery time', async () => {
    await deploy('statefulset')
    const dir = tempDir()
    copyFileSync(SEED, join(dir, 'experiment.json'))
    expect(readFileSync(join(dir, 'experiment.json'))).toEqual(readFileSync(SEED))
    const result = await runCli(['run', 'experiment.json'], { cwd: dir, env: { KUBECONFIG: kubeconfig } })
    expect(result.code, result.stderr).toBe(0)
    const journal = readJournal(join(dir, 'journal.json'))
    expect(journal.status).toBe('completed')
    expect(journal.deviated).toBe(false)
    expect(journal.steady_states.before?.steady_state_met).toBe(true)
    expect(journal.steady_states.after?.steady_state_met).toBe(true)
    expect(journal.steady_states.before?.probes[0]?.output).toBe(true)
    const terminated = journal.run[0]?.output as string[]
    expect(terminated).toHaveLength(1)
    expect(terminated[0]).toMatch(/^my-app-[0-9]$/)
    const recovery = journal.steadystate?.measurements.find((m) => m.kind === 'recovery')
    expect(recovery?.activity).toBe('terminate-db-pod')
    const data = recovery?.data as {
      victims: { pod: string; replacement: string; recovered: boolean; readySeconds: number }[]
    }
    expect(data.victims).toEqual([
      expect.objectContaining({ pod: terminated[0], replacement: terminated[0], recovered: true }),
    ])
    expect(journal.steadystate?.verdict.kind).toBe('held')
  })

  it('does not pass silently against a plain Deployment: the action fails, saying the name pattern matched none', async () => {
    await deploy('deployment')
    const dir = tempDir()
    copyFileSync(SEED, join(dir, 'experiment.json'))
    const result = await runCli(['run', 'experiment.json'], { cwd: dir, env: { KUBECONFIG: kubeconfig } })
    const journal = readJournal(join(dir, 'journal.json'))
    const action = journal.run[0]
    expect(action?.status).toBe('failed')
    expect(action?.exception?.at(-1)).toMatch(
      /label selector 'app=my-app' found 10 pod\(s\), but none match name_pattern 'my-app-\[0-9\]\$' \(e\.g\. 'my-app-[a-z0-9]+-[a-z0-9]+'\), so no fault was injected/,
    )
    expect(journal.steadystate?.verdict.kind).toBe('incomplete')
    expect(journal.steadystate?.verdict.summary).toMatch(/fault may not have been injected/)
    expect(result.stderr).toMatch(/INCOMPLETE: The steady state held, but 1 method activity failed/)
    // Chaos Toolkit's exit code is kept (completed, not deviated); the CI adapters fail the job on this verdict.
    expect(result.code).toBe(0)
    expect((await listPods(kubeconfig, 'default', 'app=my-app')).filter((p) => !p.deleting)).toHaveLength(10)
  })

  it('fails before starting, with the file named, when the kubeconfig is missing', async () => {
    const dir = tempDir()
    copyFileSync(SEED, join(dir, 'experiment.json'))
    const result = await runCli(['run', 'experiment.json'], {
      cwd: dir,
      env: { KUBECONFIG: join(dir, 'nope.yaml') },
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`KUBECONFIG names ${join(dir, 'nope.yaml')}, which does not exist`)
    const journal = readJournal(join(dir, 'journal.json'))
    expect(journal.status).toBe('aborted')
    expect(journal.steadystate?.error?.code).toBe('PREFLIGHT')
    expect(journal.run).toEqual([])
  })
})
