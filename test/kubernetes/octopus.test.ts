import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { deploySeedWorkloads, removeSeedWorkloads } from '../../packages/kubernetes/test/fixtures.ts'
import { readJournal, tempDir } from '../support/cli.ts'
import { kubectl, listPods } from '../support/kubectl.ts'
import { runStep, type StepRun } from '../support/octopus.ts'
import { heldLease } from '../support/kubernetes-experiments.ts'
import { CONFORMANCE } from '../support/paths.ts'

const SEED = join(CONFORMANCE, 'seed/experiment.json')
const PACKAGE_PATH = 'Octopus.Action.Package[Steadystate.ExperimentPackage].ExtractedPath'

interface KubeconfigJson {
  clusters: { name: string; cluster: Record<string, unknown> }[]
  users: { name: string; user: Record<string, unknown> }[]
}

/**
 * The kubeconfig as Octopus writes it for a Kubernetes target (Calamari: kubectl-octo.yml in the
 * working directory, mode 0600, context octocontext / cluster octocluster / user octouser).
 */
async function octopusKubeconfig(admin: string, workingDirectory: string): Promise<string> {
  const view = JSON.parse(
    await kubectl(admin, ['config', 'view', '--minify', '--raw', '--flatten', '-o', 'json']),
  ) as KubeconfigJson
  const path = join(workingDirectory, 'kubectl-octo.yml')
  writeFileSync(
    path,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'octocluster', cluster: view.clusters[0]!.cluster }],
      users: [{ name: 'octouser', user: view.users[0]!.user }],
      contexts: [
        { name: 'octocontext', context: { cluster: 'octocluster', user: 'octouser', namespace: 'default' } },
      ],
      'current-context': 'octocontext',
    }),
    { mode: 0o600 },
  )
  return path
}

/**
 * The seed experiment, unchanged, from an Octopus runbook step: the step template's ScriptBody under
 * stand-ins of Calamari's helpers, the experiment in a package, against the loopback cluster. The
 * seed names no namespace, so its workloads go to `default` and are removed after each test.
 */
describe('the Octopus step template runs the seed experiment against a real cluster', () => {
  const admin = inject('kubeconfig')

  const deploy = (podsFrom: 'statefulset' | 'deployment') => deploySeedWorkloads(admin, podsFrom)

  afterEach(async () => {
    await removeSeedWorkloads(admin)
  })

  /** A runbook run: the seed in an extracted package, the target's kubeconfig in the working directory. */
  async function runSeed(): Promise<{ run: StepRun; cwd: string }> {
    const cwd = tempDir('octopus-k8s-work-')
    const extracted = tempDir('octopus-k8s-package-')
    mkdirSync(join(extracted, 'chaos'))
    copyFileSync(SEED, join(extracted, 'chaos/experiment.json'))
    const run = await runStep({
      cwd,
      env: { KUBECONFIG: await octopusKubeconfig(admin, cwd) },
      variables: {
        [PACKAGE_PATH]: extracted,
        'Steadystate.Experiment': 'chaos/experiment.json',
        'Steadystate.JUnitFile': 'junit.xml',
      },
    })
    expect(readFileSync(join(extracted, 'chaos/experiment.json'))).toEqual(readFileSync(SEED))
    return { run, cwd }
  }

  it('terminates one my-app pod, the steady state holds: exit 0, journal, PDF and JUnit attached, outputs set', async () => {
    await deploy('statefulset')
    const { run, cwd } = await runSeed()
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toContain(
      `Kubernetes: the kubeconfig Octopus prepared for the target (${join(cwd, 'kubectl-octo.yml')})`,
    )
    expect(
      run.artifacts.map((a) => [a.name, a.path]),
      run.stdout,
    ).toEqual([
      ['journal.json', join(cwd, 'journal.json')],
      ['report.pdf', join(cwd, 'report.pdf')],
      ['junit.xml', join(cwd, 'junit.xml')],
    ])
    for (const artifact of run.artifacts) expect(artifact.length).toBe(statSync(artifact.path).size)
    expect(run.outputVariables).toEqual({
      Status: 'completed',
      Deviated: 'False',
      Verdict: 'held',
      Summary: 'The steady state held before and after the method.',
      RollbacksPending: 'False',
      JournalPath: join(cwd, 'journal.json'),
    })
    expect(run.highlights).toEqual(['steadystate: HELD: The steady state held before and after the method.'])
    const journal = readJournal(join(cwd, 'journal.json'))
    expect(journal.run[0]?.output).toEqual([expect.stringMatching(/^my-app-[0-9]$/)])
    expect(journal.steadystate?.measurements.some((m) => m.kind === 'recovery')).toBe(true)
    expect(readFileSync(join(cwd, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('fails the step when no pod matched (the fault may not have been injected), artifacts still attached', async () => {
    await deploy('deployment')
    const { run, cwd } = await runSeed()
    expect(run.code).toBe(1)
    expect(run.resultMessage).toMatch(
      /^steadystate: INCOMPLETE: The steady state held, but 1 method activity failed/,
    )
    expect(run.outputVariables).toMatchObject({
      Status: 'completed',
      Deviated: 'False',
      Verdict: 'incomplete',
    })
    expect(
      run.artifacts.map((a) => a.name),
      run.stdout,
    ).toEqual(['journal.json', 'report.pdf', 'junit.xml'])
    expect(readJournal(join(cwd, 'journal.json')).run[0]?.status).toBe('failed')
    expect((await listPods(admin, 'default', 'app=my-app')).filter((p) => !p.deleting)).toHaveLength(10)
  })

  it('passes the Lock parameters: a lock another run holds fails the step at once, saying who holds it', async () => {
    await kubectl(
      admin,
      ['-n', 'default', 'apply', '-f', '-'],
      heldLease('octopus-chaos', '20250101-000000-07e4a0', 'host elsewhere'),
    )
    try {
      const cwd = tempDir('octopus-k8s-work-')
      const extracted = tempDir('octopus-k8s-package-')
      copyFileSync(SEED, join(extracted, 'experiment.json'))
      const run = await runStep({
        cwd,
        env: { KUBECONFIG: await octopusKubeconfig(admin, cwd) },
        variables: {
          [PACKAGE_PATH]: extracted,
          'Steadystate.Experiment': 'experiment.json',
          'Steadystate.Lock': 'octopus-chaos',
          'Steadystate.LockTimeout': '1',
        },
      })
      expect(run.code).not.toBe(0)
      expect(run.stdout).toContain('--lock octopus-chaos --lock-timeout 1')
      const journal = readJournal(join(cwd, 'journal.json'))
      expect(journal.steadystate?.error?.code).toBe('LOCKED')
      expect(journal.steadystate?.error?.message).toContain(
        'is held by run 20250101-000000-07e4a0 (host elsewhere)',
      )
    } finally {
      await kubectl(admin, ['-n', 'default', 'delete', 'lease', 'octopus-chaos'])
    }
  })
})
