import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { deploySeedWorkloads, removeSeedWorkloads } from '../../packages/kubernetes/test/fixtures.ts'
import { readJournal, tempDir } from '../support/cli.ts'
import { node24Path, runStep } from '../support/github-runner.ts'
import { kubectl } from '../support/kubectl.ts'
import { heldLease } from '../support/kubernetes-experiments.ts'
import { CONFORMANCE } from '../support/paths.ts'

const SEED = join(CONFORMANCE, 'seed/experiment.json')

/**
 * The seed experiment, byte for byte, through the committed GitHub Action bundle (Node 24, the
 * runner's environment contract) against the real loopback cluster. The seed names no namespace, so
 * it runs in `default`, where each test deploys its workloads and removes them afterwards.
 */
describe('the GitHub Action runs the seed experiment against a real cluster', () => {
  const kubeconfig = inject('kubeconfig')

  beforeAll(() => {
    expect(node24Path()).toMatch(/node$/)
  })

  afterEach(async () => {
    await removeSeedWorkloads(kubeconfig)
  })

  const deploy = () => deploySeedWorkloads(kubeconfig, 'statefulset')

  function workspace(): string {
    const dir = tempDir('steadystate-gha-k8s-')
    copyFileSync(SEED, join(dir, 'experiment.json'))
    expect(readFileSync(join(dir, 'experiment.json'))).toEqual(readFileSync(SEED))
    return dir
  }

  it('terminates a pod, holds, and reports it: outputs, job summary, journal with the recovery, exit 0', async () => {
    await deploy()
    const dir = workspace()
    const context = (await kubectl(kubeconfig, ['config', 'current-context'])).trim()
    const result = await runStep('main', {
      workspace: dir,
      inputs: { experiment: 'experiment.json', 'kube-context': context },
      env: { KUBECONFIG: kubeconfig },
    })
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs).toMatchObject({
      status: 'completed',
      deviated: 'false',
      verdict: 'held',
      'journal-path': join(dir, 'journal.json'),
      'report-path': join(dir, 'report.pdf'),
    })
    const journal = readJournal(join(dir, 'journal.json'))
    const terminated = journal.run[0]?.output as string[]
    expect(terminated).toHaveLength(1)
    expect(terminated[0]).toMatch(/^my-app-[0-9]$/)
    expect(journal.steadystate?.measurements.find((m) => m.kind === 'recovery')?.activity).toBe(
      'terminate-db-pod',
    )
    expect(result.summary).toContain('**Verdict: STEADY STATE HELD** (held)')
    expect(result.summary).toMatch(/\| 1 \| terminate-db-pod \| action \| .* \| ok \|/)
    expect(result.summary).toContain('| before | all-our-microservices-should-be-healthy |')
    expect(result.stdout).toContain(
      '::notice title=Steady state held,file=experiment.json::The steady state held before and after the method.',
    )
    expect(result.stderr).toBe('')
    expect(readFileSync(join(dir, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('passes kube-context to the driver: an unknown context stops the run before anything happens', async () => {
    const dir = workspace()
    const result = await runStep('main', {
      workspace: dir,
      inputs: { experiment: 'experiment.json', 'kube-context': 'no-such-context' },
      env: { KUBECONFIG: kubeconfig },
    })
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({ status: 'aborted', verdict: 'aborted' })
    const journal = readJournal(join(dir, 'journal.json'))
    expect(journal.steadystate?.error?.code).toBe('PREFLIGHT')
    expect(journal.run).toEqual([])
    expect(result.stdout).toMatch(
      /^::error::chaos experiment aborted: .*KUBERNETES_CONTEXT is 'no-such-context', but .* has no such context/m,
    )
  })

  it('passes lock and lock-timeout: a lock another run holds fails the step at once, saying who holds it', async () => {
    const dir = workspace()
    await kubectl(
      kubeconfig,
      ['-n', 'default', 'apply', '-f', '-'],
      heldLease('gha-chaos', '20250101-000000-07e4a0', 'GitLab job 7, host elsewhere'),
    )
    try {
      const result = await runStep('main', {
        workspace: dir,
        inputs: { experiment: 'experiment.json', lock: 'gha-chaos', 'lock-timeout': '1' },
        env: { KUBECONFIG: kubeconfig },
      })
      expect(result.code).toBe(1)
      expect(result.outputs).toMatchObject({ status: 'aborted', verdict: 'aborted' })
      const journal = readJournal(join(dir, 'journal.json'))
      expect(journal.steadystate?.error?.code).toBe('LOCKED')
      expect(journal.steadystate?.error?.message).toMatch(
        /^the lock gha-chaos \(Lease in namespace default\) is held by run 20250101-000000-07e4a0 \(GitLab job 7, host elsewhere\) since /,
      )
      expect(journal.run).toEqual([])
    } finally {
      await kubectl(kubeconfig, ['-n', 'default', 'delete', 'lease', 'gha-chaos'])
    }
  })
})
