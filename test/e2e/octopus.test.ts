import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readJournal, tempDir } from '../support/cli.ts'
import { steadystateOnPath } from '../support/octopus-path.ts'
import { runStep, startStep, type StepRun } from '../support/octopus.ts'
import { killTree } from '../support/processes.ts'

/**
 * The Octopus step template (step-templates/steadystate-run-experiment.json) as Octopus runs it: its
 * ScriptBody sourced by stand-ins of Calamari's bash helpers, parameters as Octopus variables.
 */

const SECRET = 'octo-5ecret-9f1c7a'

/** The steady state is "the marker file exists"; `breakIt` makes the method delete it. */
function markerExperiment(options: { breakIt?: boolean; pauseSeconds?: number } = {}): string {
  return JSON.stringify({
    title: 'The marker file survives',
    description: 'a local experiment for the Octopus step template',
    configuration: { marker: 'set-by-the-step' },
    'steady-state-hypothesis': {
      title: 'the marker exists',
      probes: [
        {
          type: 'probe',
          name: 'marker-exists',
          tolerance: 0,
          provider: { type: 'process', path: 'test', arguments: ['-e', '${marker}'] },
        },
      ],
    },
    method: [
      {
        type: 'action',
        name: options.breakIt === true ? 'delete-marker' : 'leave-marker',
        provider:
          options.breakIt === true
            ? { type: 'process', path: 'rm', arguments: ['-f', '${marker}'] }
            : { type: 'process', path: 'true' },
        ...(options.pauseSeconds === undefined ? {} : { pauses: { after: options.pauseSeconds } }),
      },
    ],
    rollbacks: [
      {
        type: 'action',
        name: 'restore-marker',
        provider: { type: 'process', path: 'touch', arguments: ['${marker}'] },
      },
    ],
  })
}

/** A step whose method deletes the marker, then holds for 60 s: started, and waited on until then. */
async function startBreakingStep(
  cwd: string,
  variables: Record<string, string>,
  env?: Record<string, string>,
): Promise<ReturnType<typeof startStep>> {
  const step = startStep({
    cwd,
    ...(env === undefined ? {} : { env }),
    variables: {
      ...variables,
      'Steadystate.Experiment': markerExperiment({ breakIt: true, pauseSeconds: 60 }),
      'Steadystate.ReportFile': '',
    },
  })
  await step.waitForOutput(/pausing 60 s after 'delete-marker'/)
  return step
}

/** A working directory with the marker file, and the variables that point the experiment at it. */
function workspace(): { cwd: string; marker: string; variables: Record<string, string> } {
  const cwd = tempDir('octopus-work-')
  const marker = join(tempDir('octopus-marker-'), 'marker')
  writeFileSync(marker, 'here\n')
  return { cwd, marker, variables: { 'Steadystate.Variables': `# where the marker is\nmarker=${marker}\n` } }
}

function expectArtifacts(run: StepRun, cwd: string, names: string[]): void {
  expect(run.artifacts.map((a) => ({ name: a.name, path: a.path }))).toEqual(
    names.map((name) => ({ name, path: join(cwd, name) })),
  )
  for (const artifact of run.artifacts) expect(artifact.length).toBe(statSync(artifact.path).size)
}

describe('the Octopus step template, run as Octopus runs it', () => {
  it('runs a completed experiment: artifacts attached, output variables set, verdict highlighted, exit 0', async () => {
    const { cwd, variables } = workspace()
    const run = await runStep({
      cwd,
      variables: {
        ...variables,
        'Steadystate.Experiment': markerExperiment(),
        'Steadystate.JUnitFile': 'junit.xml',
      },
    })
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expectArtifacts(run, cwd, ['journal.json', 'report.pdf', 'junit.xml'])
    expect(readFileSync(join(cwd, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
    expect(readFileSync(join(cwd, 'junit.xml'), 'utf8')).toContain('<testsuite')
    expect(run.outputVariables).toEqual({
      Status: 'completed',
      Deviated: 'False',
      Verdict: 'held',
      Summary: 'The steady state held before and after the method.',
      RollbacksPending: 'False',
      JournalPath: join(cwd, 'journal.json'),
    })
    expect(run.highlights).toEqual(['steadystate: HELD: The steady state held before and after the method.'])
    expect(run.resultMessage).toBeUndefined()
    // HELD proves the marker's path came from Steadystate.Variables: the experiment's own value names no file.
    // steadystate's log reaches Octopus on stdout: on stderr, Octopus would show it as errors.
    expect(run.stdout).toMatch(/INFO {2}HELD: The steady state held/)
    expect(run.stderr).toBe('')
  })

  it('fails the step on deviation, after attaching the artifacts and setting the outputs', async () => {
    const { cwd, variables } = workspace()
    const run = await runStep({
      cwd,
      variables: {
        ...variables,
        'Steadystate.Experiment': markerExperiment({ breakIt: true }),
        'Steadystate.ReportFile': 'report.md',
      },
    })
    expect(run.code).toBe(1)
    expectArtifacts(run, cwd, ['journal.json', 'report.md'])
    expect(run.outputVariables).toMatchObject({ Status: 'completed', Deviated: 'True', Verdict: 'deviated' })
    expect(run.highlights).toEqual([expect.stringMatching(/^steadystate: DEVIATED: /)])
    expect(run.resultMessage).toMatch(/^steadystate: DEVIATED: /)
    // The default rollback strategy restored the marker.
    expect(readJournal(join(cwd, 'journal.json')).rollbacks.map((r) => r.activity.name)).toEqual([
      'restore-marker',
    ])
  })

  it('passes a deviated run with a warning when Fail on deviation is off, and applies the rollback strategy', async () => {
    const { cwd, variables } = workspace()
    const run = await runStep({
      cwd,
      variables: {
        ...variables,
        'Steadystate.Experiment': markerExperiment({ breakIt: true }),
        'Steadystate.FailOnDeviation': 'False',
        'Steadystate.RollbackStrategy': 'never',
        'Steadystate.ReportFile': '',
      },
    })
    expect(run.code, run.stdout).toBe(0)
    expectArtifacts(run, cwd, ['journal.json'])
    expect(run.outputVariables).toMatchObject({ Deviated: 'True', Verdict: 'deviated' })
    // steadystate's own job policy lets it pass, and says so.
    expect(run.stdout).toMatch(
      /WARN {2}verdict deviated: exit code 0, because --no-fail-on-deviation lets it pass/,
    )
    expect(run.resultMessage).toBeUndefined()
    expect(readJournal(join(cwd, 'journal.json')).rollbacks).toEqual([])
  })

  it('fails for an invalid experiment, with the aborted journal and its report attached', async () => {
    const cwd = tempDir('octopus-work-')
    const run = await runStep({
      cwd,
      variables: { 'Steadystate.Experiment': 'title: no method\ndescription: an invalid experiment\n' },
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/Experiment: inline YAML/)
    expect(run.stdout).toMatch(/is not a valid experiment/)
    expectArtifacts(run, cwd, ['journal.json', 'report.pdf'])
    expect(run.outputVariables).toMatchObject({ Status: 'aborted', Deviated: 'False', Verdict: 'aborted' })
    expect(run.resultMessage).toMatch(/^steadystate: ABORTED: /)
  })

  it('never prints a secret, keeps it out of argv and artifacts, and removes its 0600 var file', async () => {
    const { cwd } = workspace()
    const scratch = tempDir('octopus-tmp-')
    const experiment = {
      title: 'secrets stay secret',
      description: 'echoes its secret wherever it can',
      secrets: {
        app: { token: { type: 'env', key: 'APP_TOKEN' }, other: { type: 'env', key: 'OTHER_TOKEN' } },
      },
      'steady-state-hypothesis': {
        title: 'echo',
        probes: [
          {
            type: 'probe',
            name: 'echo-token',
            tolerance: 0,
            provider: { type: 'process', path: 'echo', arguments: ['${token}'] },
          },
          {
            // As in a .env file, the quotes around a value are not part of it.
            type: 'probe',
            name: 'other-is-unquoted',
            tolerance: 0,
            provider: {
              type: 'process',
              path: 'sh',
              arguments: ['-c', 'test "$0" = "quoted value"', '${other}'],
            },
          },
        ],
      },
      method: [
        {
          type: 'action',
          name: 'var-file-mode-and-argv',
          provider: {
            type: 'process',
            path: 'sh',
            // The var file's mode, and steadystate's command line (this shell's parent's).
            arguments: [
              '-c',
              'stat -c %a "$TMPDIR"/steadystate.*/secrets.env; tr "\\000" " " </proc/$PPID/cmdline',
            ],
          },
        },
        {
          type: 'action',
          name: 'print-token-and-exit-3',
          provider: { type: 'process', path: 'sh', arguments: ['-c', 'echo ${token} >&2; exit 3'] },
        },
      ],
    }
    const run = await runStep({
      cwd,
      env: { TMPDIR: scratch },
      variables: {
        'Steadystate.Experiment': JSON.stringify(experiment),
        'Steadystate.Secrets': `APP_TOKEN=${SECRET}\n# a comment\nOTHER_TOKEN="quoted value"\n`,
        'Steadystate.ReportFile': 'report.md',
        'Steadystate.JUnitFile': 'junit.xml',
      },
    })
    // The secrets reached the experiment: the steady state held with them.
    expect(run.code, run.stdout).toBe(0)
    expect(run.outputVariables.Verdict).toBe('held')
    expect(run.stdout).toMatch(
      /Secrets: 2 environment variable\(s\) for the experiment's secrets \(values not shown\)/,
    )
    // Each form of the secret is registered as a sensitive output variable, which Octopus masks in
    // its log; no other service message holds it.
    const sensitive = run.messages.filter((message) => message.attributes.sensitive === 'True')
    expect(sensitive.map((message) => message.attributes.value)).toContain(SECRET)
    const others = run.messages.filter((message) => !sensitive.includes(message))
    for (const text of [run.stdout, run.stderr, JSON.stringify(others)]) expect(text).not.toContain(SECRET)
    for (const artifact of run.artifacts) expect(readFileSync(artifact.path, 'utf8')).not.toContain(SECRET)
    const journal = readJournal(join(cwd, 'journal.json'))
    expect(journal.steady_states.before?.probes[0]?.output).toMatchObject({ stdout: '***\n' })
    expect(journal.run[0]?.output).toMatchObject({
      stdout: expect.stringMatching(/^600\n.*steadystate run .* --var-file \S+\/secrets\.env/),
    })
    expect(readdirSync(scratch)).toEqual([])
  })

  it('reads the experiment from the package, and says so when the file is not in it', async () => {
    const { cwd, variables } = workspace()
    const extracted = tempDir('octopus-package-')
    mkdirSync(join(extracted, 'experiments'))
    writeFileSync(join(extracted, 'experiments/marker.json'), markerExperiment())
    const packageVariable = 'Octopus.Action.Package[Steadystate.ExperimentPackage].ExtractedPath'
    const run = await runStep({
      cwd,
      env: { KUBECONFIG: '/etc/octopus/kubectl-octo.yml' },
      variables: {
        ...variables,
        [packageVariable]: extracted,
        'Steadystate.Experiment': 'experiments/marker.json\n',
        'Steadystate.KubernetesContext': 'octocontext',
        'Steadystate.ReportFile': '',
      },
    })
    expect(run.code, run.stdout).toBe(0)
    expect(run.stdout).toContain(`Experiment: ${join(extracted, 'experiments/marker.json')}`)
    expect(run.stdout).toContain(
      'Kubernetes: the kubeconfig Octopus prepared for the target (/etc/octopus/kubectl-octo.yml), context octocontext',
    )
    const missing = await runStep({
      cwd,
      variables: { [packageVariable]: extracted, 'Steadystate.Experiment': 'experiments/nope.json' },
    })
    expect(missing.code).toBe(1)
    expect(missing.resultMessage).toBe(
      `The experiment file 'experiments/nope.json' is not in the experiment package (extracted to ${extracted})`,
    )
  })

  it('rejects file names that are not plain names in the working directory, before running anything', async () => {
    const cwd = tempDir('octopus-work-')
    const run = await runStep({
      cwd,
      variables: {
        'Steadystate.Experiment': markerExperiment(),
        'Steadystate.ReportFile': '../report *.pdf',
      },
    })
    expect(run.code).toBe(1)
    expect(run.resultMessage).toBe(
      "Steadystate.ReportFile must be a plain file name (letters, digits, '.', '_', '-'), got '../report *.pdf'",
    )
    const wrongKind = await runStep({
      cwd,
      variables: { 'Steadystate.Experiment': markerExperiment(), 'Steadystate.ReportFile': 'report.docx' },
    })
    expect(wrongKind.resultMessage).toBe(
      "Steadystate.ReportFile must end in .pdf, .md, .html, got 'report.docx'",
    )
    expect(readdirSync(cwd)).toEqual([])
  })

  it('passes Kill switch interval to steadystate as --kill-switch-interval, which judges its value', async () => {
    const { cwd, variables } = workspace()
    const run = await runStep({
      cwd,
      variables: {
        ...variables,
        'Steadystate.Experiment': markerExperiment(),
        'Steadystate.KillSwitchInterval': ' often ',
      },
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('--kill-switch-interval often')
    expect(run.stdout).toContain('--kill-switch-interval "often" must be a positive number of seconds')
    expect(run.outputVariables).toMatchObject({ Status: 'aborted', Verdict: 'aborted' })
    expect(readJournal(join(cwd, 'journal.json')).steadystate?.error?.code).toBe('USAGE')
  })

  it('on cancellation (SIGTERM), lets steadystate roll back, then attaches the interrupted journal', async () => {
    const { cwd, marker, variables } = workspace()
    const step = await startBreakingStep(cwd, variables)
    expect(existsSync(marker)).toBe(false)
    step.child.kill('SIGTERM')
    const run = await step.done
    expect(run.code).toBe(1)
    expect(existsSync(marker)).toBe(true)
    expectArtifacts(run, cwd, ['journal.json'])
    expect(run.outputVariables).toMatchObject({ Status: 'interrupted', Verdict: 'interrupted' })
    expect(run.resultMessage).toMatch(/^steadystate: INTERRUPTED: /)
  })

  it('a run killed outright mid-method (a lost worker): the next run plays its rollbacks first, then runs', async () => {
    const { cwd, marker, variables } = workspace()
    const env = { PATH: steadystateOnPath(), STEADYSTATE_STATE_DIR: tempDir('octopus-state-') }
    const step = await startBreakingStep(cwd, variables, env)
    killTree(step.child.pid ?? 0)
    await step.done
    expect(existsSync(marker)).toBe(false)

    const next = tempDir('octopus-work-')
    const run = await runStep({
      cwd: next,
      env,
      variables: {
        ...variables,
        'Octopus.Task.Id': 'ServerTasks-42',
        'Steadystate.Experiment': markerExperiment(),
        'Steadystate.ReportFile': '',
      },
    })
    expect(run.code, run.stdout).toBe(0)
    expect(existsSync(marker)).toBe(true)
    expect(run.warnings).toEqual([
      'The previous run of this step stopped before its rollbacks had all run: playing them first',
    ])
    expectArtifacts(run, next, ['previous-journal.json', 'journal.json'])
    const previous = readJournal(join(next, 'previous-journal.json'))
    expect(previous.status).toBe('interrupted')
    expect(previous.steadystate?.recovered?.by).toBe("the Octopus step's next run (task ServerTasks-42)")
    expect(previous.rollbacks.map((r) => [r.activity.name, r.status])).toEqual([
      ['restore-marker', 'succeeded'],
    ])
    expect(run.outputVariables).toMatchObject({ Verdict: 'held' })
  })

  it('steadystate killed during a cancellation, the step itself alive: the step plays the pending rollbacks', async () => {
    const { cwd, marker, variables } = workspace()
    const step = await startBreakingStep(cwd, variables)
    process.kill(steadystateChildOf(step.child.pid ?? 0), 'SIGKILL')
    const run = await step.done
    expect(run.code).toBe(1)
    expect(existsSync(marker)).toBe(true)
    const journal = readJournal(join(cwd, 'journal.json'))
    expect(journal.status).toBe('interrupted')
    expect(journal.steadystate?.recovered?.by).toMatch(/^the Octopus step, after its run was stopped/)
    expect(run.outputVariables).toMatchObject({ Status: 'interrupted', RollbacksPending: 'False' })
    expect(run.resultMessage).toMatch(
      /^steadystate: INTERRUPTED: The run did not finish \(it stopped in the method/,
    )
  })
})

/** The `steadystate run` process the step's bash started. */
function steadystateChildOf(parent: number): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
      if (ppid === parent && command.includes('run')) return Number(entry)
    } catch {
      // The process ended while we looked.
    }
  }
  throw new Error(`no steadystate run under ${parent}`)
}
