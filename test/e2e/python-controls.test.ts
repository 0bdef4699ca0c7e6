import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { readJournal, runCli, tempDir } from '../support/cli.ts'
import { REPO_ROOT } from '../support/paths.ts'
import { referenceChaosBin } from '../support/reference-chaostoolkit.ts'

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
    })

    it('chaostoolkit-addons’ other controls run in Python; one that changes the experiment is said not to apply', async () => {
      const cwd = tempDir('steadystate-controls-')
      const experiment = join(cwd, 'addons.json')
      const addon = (name: string, module: string, args: Record<string, unknown> = {}) => ({
        name,
        provider: { type: 'python', module: `chaosaddons.controls.${module}`, arguments: args },
      })
      writeFileSync(
        experiment,
        JSON.stringify({
          title: 'addons',
          description: 'chaostoolkit-addons controls other than safeguards',
          controls: [addon('sync', 'synchronization'), addon('bypass', 'bypass', { target_type: 'probe' })],
          method: [
            {
              type: 'action',
              name: 'say-hello',
              provider: { type: 'process', path: 'echo', arguments: 'hello' },
              controls: [addon('repeat-me', 'repeat', { repeat_count: 2 })],
            },
          ],
        }),
      )
      const result = await runCli(['run', experiment], {
        cwd,
        env: { STEADYSTATE_PYTHON: join(chaosBin, 'python') },
      })
      expect(result.code, result.stderr).toBe(0)
      expect(result.stderr).not.toMatch(/failed in|could not run/)
      // bypass's own warning, from its before_experiment_control, through the worker's logging.
      expect(result.stderr).toContain("No 'probe' will be executed as configured by the bypass control")
      expect(result.stderr).toContain(
        "control 'repeat-me' (chaosaddons.controls.repeat) changed the experiment in after_activity_control; steadystate runs the experiment as it was validated",
      )
      expect(readJournal(join(cwd, 'journal.json')).run.map((run) => run.activity.name)).toEqual([
        'say-hello',
      ])
    })
  })
})
