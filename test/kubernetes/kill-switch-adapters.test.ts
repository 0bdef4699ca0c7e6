import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { readJournal, runCli, tempDir } from '../support/cli.ts'
import { runStep as runActionStep } from '../support/github-runner.ts'
import { imageLikeBin, interpolateComponent, loadComponent, runJob } from '../support/gitlab.ts'
import { createNamespace, deleteNamespace } from '../support/kubectl.ts'
import { runStep as runOctopusStep } from '../support/octopus.ts'

/**
 * The Kubernetes kill switch as each adapter's user meets it, on the real cluster: a pulled switch
 * refuses the run and the Action's log, annotations and outputs and the Octopus step's result and
 * output variables name the switch, who pulled it and why (the GitLab job's dotenv:
 * packages/kubernetes/test/kill-switch-run.test.ts). A released one is read again at the interval
 * each adapter's input passes to `--kill-switch-interval`, whatever STEADYSTATE_KILL_SWITCH_INTERVAL says.
 */
describe('the kill switch, through the GitHub Action, the Octopus step and the GitLab job', () => {
  const kubeconfig = inject('kubeconfig')
  let ns: string

  /** An experiment whose only Kubernetes call is a probe in `ns`: the switch of `ns` guards it. */
  function workspace(): string {
    const dir = tempDir('steadystate-kill-switch-adapter-')
    const countPods = {
      type: 'python',
      module: 'chaosk8s.pod.probes',
      func: 'count_pods',
      arguments: { label_selector: 'app=nothing-here', ns },
    }
    writeFileSync(
      join(dir, 'experiment.json'),
      JSON.stringify({
        title: 'no pod of nothing-here',
        description: 'reads the cluster, changes nothing',
        'steady-state-hypothesis': {
          title: 'none there',
          probes: [{ type: 'probe', name: 'none', tolerance: 0, provider: countPods }],
        },
        method: [{ type: 'probe', name: 'count', provider: countPods }],
      }),
    )
    return dir
  }

  /** The message of a switch pulled by alice with `reason`, as every adapter shows it. */
  const pulledMessage = (reason: string) =>
    `the kill switch is pulled (ConfigMap steadystate-kill-switch, key stop, in namespace ${ns}): "${reason}" by alice`

  const pull = async (reason: string) => {
    const result = await runCli(
      ['kill-switch', 'set', '--namespace', ns, '--reason', reason, '--by', 'alice'],
      { env: { KUBECONFIG: kubeconfig } },
    )
    expect(result.code, result.stderr).toBe(0)
  }

  // The adapters get the interval from their input; the environment's (slower) value loses.
  const env = () => ({ KUBECONFIG: kubeconfig, STEADYSTATE_KILL_SWITCH_INTERVAL: '30' })
  const readAgain = () =>
    `kill switch released (namespaces ${ns}); read again every 1 s while the run goes on`

  /** The Action's main step on the experiment in `dir`, kill-switch-interval 1. */
  const runAction = (dir: string) =>
    runActionStep('main', {
      workspace: dir,
      inputs: { experiment: 'experiment.json', 'kill-switch-interval': '1' },
      env: env(),
    })
  /** The Octopus step on the experiment in `dir`, Kill switch interval 1. */
  const runOctopus = (dir: string) =>
    runOctopusStep({
      cwd: dir,
      env: env(),
      variables: {
        'Steadystate.Experiment': join(dir, 'experiment.json'),
        'Steadystate.KillSwitchInterval': '1',
      },
    })

  beforeAll(async () => {
    ns = await createNamespace(kubeconfig, 'kill-adapters')
  })
  afterEach(async () => {
    await runCli(['kill-switch', 'clear', '--namespace', ns], { env: { KUBECONFIG: kubeconfig } })
  })
  afterAll(async () => {
    await deleteNamespace(kubeconfig, ns)
  })

  it('the Action: a pulled switch fails the step; its error annotation, summary and outputs name it', async () => {
    await pull('incident 7 (Action)')
    const dir = workspace()
    const result = await runAction(dir)
    expect(result.code, result.stdout + result.stderr).toBe(1)
    expect(result.outputs).toMatchObject({ status: 'aborted', verdict: 'aborted' })
    const message = pulledMessage('incident 7 (Action)')
    expect(result.stdout).toMatch(
      new RegExp(
        `^::error::chaos experiment aborted: .*${escape(message)}.*kill-switch clear --namespace ${ns}`,
        'm',
      ),
    )
    expect(result.summary).toContain(message)
    const journal = readJournal(join(dir, 'journal.json'))
    expect(journal.steadystate?.error?.code).toBe('KILL_SWITCH')
    expect(journal.run).toEqual([])
  })

  it('the Octopus step: a pulled switch fails the step; its result and output variables name it', async () => {
    await pull('incident 8 (Octopus)')
    const dir = workspace()
    const run = await runOctopus(dir)
    expect(run.code, run.stdout + run.stderr).toBe(1)
    expect(run.stdout).toContain('--kill-switch-interval 1')
    const message = pulledMessage('incident 8 (Octopus)')
    expect(run.resultMessage).toContain(message)
    expect(run.resultMessage).toContain(`steadystate kill-switch clear --namespace ${ns}`)
    expect(run.outputVariables).toMatchObject({ Status: 'aborted', Verdict: 'aborted' })
    expect(run.outputVariables.Summary).toContain(message)
    expect(run.stdout).toContain(message)
    expect(run.artifacts.map((artifact) => artifact.name)).toEqual(['journal.json', 'report.pdf'])
    expect(readJournal(join(dir, 'journal.json')).steadystate?.error?.code).toBe('KILL_SWITCH')
  })

  it('each adapter passes its interval input to --kill-switch-interval: a released switch is read every 1 s', async () => {
    const fromAction = await runAction(workspace())
    expect(fromAction.code, fromAction.stdout + fromAction.stderr).toBe(0)
    expect(fromAction.stdout).toContain(readAgain())

    const fromOctopus = await runOctopus(workspace())
    expect(fromOctopus.code, fromOctopus.stdout + fromOctopus.stderr).toBe(0)
    expect(fromOctopus.stdout).toContain(readAgain())

    const gitlab = workspace()
    const fromGitlab = await runJob(interpolateComponent(loadComponent(), { 'kill-switch-interval': '1' }), {
      projectDir: gitlab,
      bin: imageLikeBin(join(gitlab, '.runner')),
      env: env(),
    })
    expect(fromGitlab.code, fromGitlab.output).toBe(0)
    expect(fromGitlab.output).toContain(readAgain())
  })
})

/** `text` as a literal in a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
