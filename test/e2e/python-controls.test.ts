import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { readJournal, runCli, tempDir } from '../support/cli.ts'
import { REPO_ROOT } from '../support/paths.ts'
import { referenceChaosBin, runReference } from '../support/reference-chaostoolkit.ts'
import type { Journal } from '@steadystate/model'

/** Experiments, control modules and what the reference did with them (see `record` there). */
const FIXTURES = join(REPO_ROOT, 'test/fixtures/python-controls')
const SECRET = 'recorded-never-4f9a2c'

function hookCalls(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

/**
 * The journal a control gets after the experiment has steadystate's own key (`steadystate`: the
 * verdict, warnings, …) beside the reference's; everything else must be the same.
 */
function withoutOwnJournalKey(call: Record<string, unknown>): Record<string, unknown> {
  if (call.hook !== 'after_experiment_control') return call
  const state = call.state as { keys: string[] }
  return { ...call, state: { ...state, keys: state.keys.filter((key) => key !== 'steadystate') } }
}

/** Each run of a journal's lists: name, repeat's iteration index, status; and the journal's status. */
function outline(journal: Journal) {
  const runs = (list: Journal['run']) =>
    list.map((run) => [run.activity.name, run.activity.iteration_index ?? null, run.status])
  return {
    status: journal.status,
    run: runs(journal.run),
    outputs: journal.run.map((run) => run.output),
    dry: journal.run.map((run) => run.activity.dry ?? null),
    rollbacks: runs(journal.rollbacks),
    before: runs(journal.steady_states.before?.probes ?? []),
    after: runs(journal.steady_states.after?.probes ?? []),
  }
}

/** How many probes, method and rollback activities the journal's experiment holds. */
function listLengths(journal: Journal): number[] {
  const { experiment } = journal
  const hypothesis = experiment['steady-state-hypothesis']
  const length = (value: unknown) => (Array.isArray(value) ? value.length : -1)
  return [
    length(
      typeof hypothesis === 'object' && hypothesis !== null && 'probes' in hypothesis
        ? hypothesis.probes
        : null,
    ),
    length(experiment.method),
    length(experiment.rollbacks),
  ]
}

describe('Python controls through the built CLI', () => {
  it('calls every hook the reference calls, in its order, with arguments of the same shape', async () => {
    const cwd = tempDir('steadystate-controls-')
    const record = join(cwd, 'calls.jsonl')
    const result = await runCli(
      ['--settings', join(FIXTURES, 'settings.yaml'), 'run', join(FIXTURES, 'hooks.json')],
      {
        cwd,
        env: {
          CONTROL_RECORD: record,
          PYTHONPATH: join(FIXTURES, 'lib'),
          STEADYSTATE_PYTHON: 'python3',
          VIRTUAL_ENV: undefined,
        },
      },
    )
    const expectedCode = Number(readFileSync(join(FIXTURES, 'hooks.exit-code'), 'utf8'))
    expect(result.code, result.stderr).toBe(expectedCode)
    const reference = hookCalls(join(FIXTURES, 'hooks.reference.jsonl'))
    const ours = hookCalls(record).map(withoutOwnJournalKey)
    expect(ours.map((call) => `${String(call.hook)} ${String(call.label)}`)).toEqual(
      reference.map((call) => `${String(call.hook)} ${String(call.label)}`),
    )
    expect(ours).toEqual(reference)
    // The failing hook is a warning; the secret reached the control, never the log or journal.
    expect(result.stderr).toContain(
      "control 'recorder-activity' (recording_control) failed in before_activity_control: RuntimeError: recording control asked to fail in before_activity_control; the run goes on",
    )
    expect(
      `${result.stdout}${result.stderr}${readFileSync(join(cwd, 'journal.json'), 'utf8')}`,
    ).not.toContain(SECRET)
  })

  it('without the control’s package: refused with what to install, or run without it when asked', async () => {
    const cwd = tempDir('steadystate-controls-')
    const experiment = join(cwd, 'traced.json')
    writeFileSync(
      experiment,
      JSON.stringify({
        title: 'traced',
        description: 'a control from a package that is not installed',
        controls: [{ name: 'tracing', provider: { type: 'python', module: 'chaostracing.control' } }],
        method: [{ type: 'action', name: 'a', provider: { type: 'process', path: 'true' } }],
      }),
    )
    const env = { STEADYSTATE_PYTHON: 'python3', VIRTUAL_ENV: undefined }
    const refused = await runCli(['run', experiment], { cwd, env })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(
      "control 'tracing' (provider module 'chaostracing.control') declared at controls[0] in",
    )
    expect(refused.stderr).toMatch(
      /cannot be honoured: Python cannot import it \(ModuleNotFoundError: No module named 'chaostracing'\): pip install chaostoolkit-opentracing; remove it, or pass --skip-unknown-controls/,
    )
    const skipped = await runCli(['run', experiment, '--skip-unknown-controls'], { cwd, env })
    expect(skipped.code).toBe(0)
    expect(readJournal(join(cwd, 'journal.json')).steadystate?.skippedControls).toEqual([
      { file: experiment, path: 'controls[0]', name: 'tracing', module: 'chaostracing.control' },
    ])
  })

  describe('with chaostoolkit-lib and chaostoolkit-addons installed (the reference virtualenv)', () => {
    let chaosBin: string
    beforeAll(async () => {
      // The first run installs the reference Chaos Toolkit and its extensions (minutes), then cached.
      chaosBin = await referenceChaosBin()
    }, 900_000)

    it('InterruptExecution in before_method_control: the method does not run, the rollbacks do, exit 1', async () => {
      const cwd = tempDir('steadystate-controls-')
      const result = await runCli(['run', join(FIXTURES, 'interrupt.json')], {
        cwd,
        env: { PYTHONPATH: join(FIXTURES, 'lib'), STEADYSTATE_PYTHON: join(chaosBin, 'python') },
      })
      expect(result.code, result.stderr).toBe(1)
      const journal = readJournal(join(cwd, 'journal.json'))
      expect([journal.status, journal.run.length, journal.rollbacks.map((run) => run.status)]).toEqual([
        'interrupted',
        0,
        ['succeeded'],
      ])
      expect([existsSync(join(cwd, 'fault-injected')), existsSync(join(cwd, 'repaired'))]).toEqual([
        false,
        true,
      ])
      expect(journal.steadystate?.interruption?.signal).toBe(
        "control 'our-own-check' (interrupting_control) interrupted the run in before_method_control: the change window is closed",
      )
      expect(journal.steadystate?.stop).toMatchObject({
        source: 'python-control',
        control: 'our-own-check',
        probe: 'before_method_control',
        reason: 'the change window is closed',
      })
    })

    it('chaostoolkit-addons’ repeat and bypass change the run as in the reference: same activities, same count, same status', async () => {
      const cwd = tempDir('steadystate-controls-')
      const experiment = join(FIXTURES, 'addons.json')
      const reference = await runReference(chaosBin, experiment, join(cwd, 'reference.json'), {
        cwd,
        env: {},
      })
      const ours = await runCli(['run', experiment, '--journal-path', join(cwd, 'ours.json')], {
        cwd,
        env: { STEADYSTATE_PYTHON: join(chaosBin, 'python'), VIRTUAL_ENV: undefined },
      })
      expect([ours.code, reference.code], `${ours.stderr}\n${reference.output}`).toEqual([0, 0])
      expect(ours.stderr).not.toMatch(/failed in|could not run|changed the experiment/)
      // bypass's own warning, from its before_experiment_control, through the worker's logging.
      expect(ours.stderr).toContain("No 'action' will be executed as configured by the bypass control")
      const [theirs, mine] = [readJournal(join(cwd, 'reference.json')), readJournal(join(cwd, 'ours.json'))]
      expect(outline(mine)).toEqual(outline(theirs))
      // What repeat inserted is in the journal's experiment too (the reference's is a shallow copy).
      expect(listLengths(mine)).toEqual(listLengths(theirs))
      expect(listLengths(mine)).toEqual([3, 4, 2])
    })

    it('InterruptExecution in before_activity_control: no entry for that activity, as in the reference; the stop names the control', async () => {
      const cwd = tempDir('steadystate-controls-')
      const experiment = join(FIXTURES, 'interrupt-activity.json')
      const env = { PYTHONPATH: join(FIXTURES, 'lib') }
      const referenceDir = join(cwd, 'reference')
      mkdirSync(referenceDir)
      const reference = await runReference(chaosBin, experiment, join(cwd, 'reference.json'), {
        cwd: referenceDir,
        env,
      })
      const ours = await runCli(['run', experiment, '--journal-path', join(cwd, 'ours.json')], {
        cwd,
        env: { ...env, STEADYSTATE_PYTHON: join(chaosBin, 'python'), VIRTUAL_ENV: undefined },
      })
      expect([ours.code, reference.code], `${ours.stderr}\n${reference.output}`).toEqual([1, 1])
      const [theirs, mine] = [readJournal(join(cwd, 'reference.json')), readJournal(join(cwd, 'ours.json'))]
      expect(outline(mine).run).toEqual(outline(theirs).run)
      expect([mine.status, theirs.status]).toEqual(['interrupted', 'interrupted'])
      expect(outline(mine).run).toEqual([['prepare', null, 'succeeded']])
      expect([existsSync(join(cwd, 'fault-injected')), existsSync(join(cwd, 'observed'))]).toEqual([
        false,
        false,
      ])
      // steadystate still rolls back after an interruption (the reference's default strategy does not).
      expect(mine.rollbacks.map((run) => [run.activity.name, run.status])).toEqual([['repair', 'succeeded']])
      expect(mine.steadystate?.stop).toMatchObject({
        source: 'python-control',
        control: 'change-window',
        probe: 'before_activity_control',
        reason: 'the change window closed',
      })
      const facts = await runCli(['journal-facts', join(cwd, 'ours.json'), '--format', 'json'], { cwd })
      expect(JSON.parse(facts.stdout)).toMatchObject({
        verdict: 'interrupted',
        summary: expect.stringContaining("stopped by control 'change-window' (in before_activity_control)"),
      })
      const report = await runCli(['report', join(cwd, 'ours.json'), '-'], { cwd })
      expect(report.stdout).toMatch(
        /\| Stopped by \| control 'change-window' \(its before\\_activity\\_control raised InterruptExecution\) at .*: the change window closed; halted, rollbacks done/,
      )
    })
  })
})
