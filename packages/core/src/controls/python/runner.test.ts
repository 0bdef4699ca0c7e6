import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RunEvent } from '../../run/events.ts'
import { runExperiment } from '../../run/run-experiment.ts'
import { action, probe, testExperiment, testRegistry } from '../../../test-support/test-registry.ts'

/**
 * A folder for PYTHONPATH with a control module that appends each hook it gets to `calls.txt`
 * (`fail_in` makes it raise there), another that raises InterruptExecution before the method, and
 * a stand-in chaoslib.exceptions (the machine's python3 has no chaostoolkit-lib).
 */
function controlModules(): string {
  const dir = mkdtempSync(join(tmpdir(), 'steadystate-controls-'))
  mkdirSync(join(dir, 'chaoslib'))
  writeFileSync(join(dir, 'chaoslib', '__init__.py'), '')
  writeFileSync(join(dir, 'chaoslib', 'exceptions.py'), 'class InterruptExecution(Exception):\n    pass\n')
  const hooks = ['experiment', 'hypothesis', 'method', 'rollback', 'activity'].flatMap((level) => [
    `before_${level}_control`,
    `after_${level}_control`,
  ])
  writeFileSync(
    join(dir, 'noting.py'),
    [
      'import os',
      `CALLS = ${JSON.stringify(join(dir, 'calls.txt'))}`,
      'def note(hook, context, label, fail_in=(), state=None, secrets=None):',
      '    name = context.get("name") or context.get("title") if isinstance(context, dict) else None',
      '    kind = type(state).__name__',
      '    with open(CALLS, "a") as out:',
      '        out.write("%s %s %s %s %s\\n" % (label, hook, name, kind, sorted((secrets or {}).keys())))',
      '    if hook in fail_in:',
      '        raise RuntimeError("asked to fail in " + hook)',
      'def configure_control(label, secrets=None, **kwargs):',
      '    note("configure_control", {}, label, secrets=secrets)',
      'def cleanup_control():',
      '    note("cleanup_control", {}, "-")',
      ...hooks.map(
        (hook) =>
          `def ${hook}(context, label, fail_in=(), state=None, **kwargs):\n    note(${JSON.stringify(hook)}, context, label, fail_in, state)`,
      ),
    ].join('\n'),
  )
  writeFileSync(
    join(dir, 'stopping.py'),
    'from chaoslib.exceptions import InterruptExecution\n' +
      'def before_method_control(context, **kwargs):\n    raise InterruptExecution("the change window is closed")\n',
  )
  writeFileSync(
    join(dir, 'changing.py'),
    [
      // As chaosaddons.controls.repeat and bypass do: change the activity, insert a copy after it.
      'import copy',
      'from chaoslib.exceptions import InterruptExecution',
      'def before_activity_control(context, **kwargs):',
      '    if context["name"] == "retarget":',
      '        context["provider"]["arguments"] = {"value": "elsewhere"}',
      '    if context["name"] == "blocked":',
      '        raise InterruptExecution("not this one")',
      '    if context["name"] == "turned":',
      '        context["ref"] = "a2"',
      'def after_activity_control(context, experiment, **kwargs):',
      '    if context["name"] == "a1" and "iteration_index" not in context:',
      '        again = copy.deepcopy(context)',
      '        again["iteration_index"] = 1',
      '        experiment["method"].insert(experiment["method"].index(context) + 1, again)',
      'def before_experiment_control(context, **kwargs):',
      '    if context["title"] == "adds":',
      '        context["controls"].append({"name": "extra", "provider": {"type": "python", "module": "noting"}})',
    ].join('\n'),
  )
  writeFileSync(
    join(dir, 'late.py'),
    'from chaoslib.exceptions import InterruptExecution\n' +
      'def after_rollback_control(context, **kwargs):\n    raise InterruptExecution("too late to stop")\n',
  )
  writeFileSync(
    join(dir, 'hanging.py'),
    // Stops the run, then hangs in the after hook the reference calls in its `finally`.
    'import time\nfrom chaoslib.exceptions import InterruptExecution\n' +
      'def before_method_control(context, **kwargs):\n    raise InterruptExecution("stop here")\n' +
      'def after_method_control(context, **kwargs):\n    time.sleep(600)\n',
  )
  writeFileSync(
    join(dir, 'registering.py'),
    // As chaostoolkit-reliably's prechecks and safeguards do: they watch the run through its events.
    'def configure_control(event_registry=None, **kwargs):\n    event_registry.register(object())\n',
  )
  writeFileSync(
    join(dir, 'meeting.py'),
    // Each background activity's hook waits for the other's: only hooks run side by side pass.
    'import threading\nBARRIER = threading.Barrier(2, timeout=10)\n' +
      'def before_activity_control(context, **kwargs):\n    if context.get("background"):\n        BARRIER.wait()\n',
  )
  return dir
}

async function run(doc: Record<string, unknown>, dir: string) {
  const { registry, calls } = testRegistry()
  const events: RunEvent[] = []
  const { journal } = await runExperiment(doc, {
    source: 'test.json',
    registry,
    env: { PATH: process.env.PATH ?? '', PYTHONPATH: dir },
    cwd: dir,
    version: '0.0.0-test',
    onEvent: (event) => events.push(event),
  })
  const noted = (() => {
    try {
      return readFileSync(join(dir, 'calls.txt'), 'utf8').trim().split('\n')
    } catch {
      return []
    }
  })()
  return { journal, calls, events, noted, registry }
}

const noting = (label: string, extra: Record<string, unknown> = {}) => ({
  name: label,
  provider: { type: 'python', module: 'noting', arguments: { label, ...extra } },
})

describe('Python controls in the worker', () => {
  it('calls every hook at its moment, with the context and state of that moment', async () => {
    const dir = controlModules()
    const doc = testExperiment({
      secrets: { vault: { token: 'never-in-the-log-1234' } },
      controls: [noting('top')],
      'steady-state-hypothesis': { title: 'h', probes: [probe('p', true, true)] },
      method: [action('a1')],
      rollbacks: [action('r1')],
    })
    const { journal, noted, events } = await run(doc, dir)
    expect(journal.status, JSON.stringify(journal.steadystate?.error)).toBe('completed')
    const title = String(doc.title)
    expect(noted).toEqual([
      "top configure_control None NoneType ['vault']",
      `top before_experiment_control ${title} NoneType []`,
      'top before_hypothesis_control h NoneType []',
      'top before_activity_control p NoneType []',
      'top after_activity_control p dict []',
      'top after_hypothesis_control h dict []',
      `top before_method_control ${title} NoneType []`,
      'top before_activity_control a1 NoneType []',
      'top after_activity_control a1 dict []',
      `top after_method_control ${title} list []`,
      'top before_hypothesis_control h NoneType []',
      'top before_activity_control p NoneType []',
      'top after_activity_control p dict []',
      'top after_hypothesis_control h dict []',
      `top before_rollback_control ${title} NoneType []`,
      'top before_activity_control r1 NoneType []',
      'top after_activity_control r1 dict []',
      `top after_rollback_control ${title} list []`,
      `top after_experiment_control ${title} dict []`,
      '- cleanup_control None NoneType []',
    ])
    expect(JSON.stringify([journal, events])).not.toContain('never-in-the-log-1234')
  })

  it('a hook that raises is a warning, and the run goes on', async () => {
    const dir = controlModules()
    const doc = testExperiment({
      controls: [noting('top', { fail_in: ['before_method_control'] })],
      method: [action('a1')],
    })
    const { journal, events } = await run(doc, dir)
    expect([journal.status, journal.run.map((r) => r.status)]).toEqual(['completed', ['succeeded']])
    expect(events).toContainEqual({
      type: 'warning',
      message:
        "control 'top' (noting) failed in before_method_control: RuntimeError: asked to fail in before_method_control; the run goes on",
    })
  })

  it('InterruptExecution before the method: nothing of the method runs, the rollbacks do, the journal says which control', async () => {
    const dir = controlModules()
    const doc = testExperiment({
      controls: [{ name: 'window', provider: { type: 'python', module: 'stopping' } }],
      method: [action('inject')],
      rollbacks: [action('repair')],
    })
    const { journal } = await run(doc, dir)
    expect(journal.status).toBe('interrupted')
    expect(journal.run).toEqual([])
    expect(journal.rollbacks.map((r) => [r.activity.name, r.status])).toEqual([['repair', 'succeeded']])
    expect(journal.steadystate?.interruption?.signal).toBe(
      "control 'window' (stopping) interrupted the run in before_method_control: the change window is closed",
    )
  })

  it('InterruptExecution once the rollbacks have begun is ignored with a warning: no stop, the status stays', async () => {
    const dir = controlModules()
    const doc = testExperiment({
      controls: [{ name: 'late', provider: { type: 'python', module: 'late' } }],
      method: [action('inject')],
      rollbacks: [action('repair')],
    })
    const { journal, events } = await run(doc, dir)
    expect(journal.status).toBe('completed')
    expect(journal.steadystate?.stop).toBeUndefined()
    expect(journal.rollbacks.map((r) => [r.activity.name, r.status])).toEqual([['repair', 'succeeded']])
    expect(events).toContainEqual({
      type: 'warning',
      message:
        "control 'late' (late) interrupted the run in after_rollback_control: too late to stop; ignored: the rollbacks have begun and go on",
    })
  })

  it('a hook that hangs after the run was interrupted is stopped at its deadline, and the rollbacks run', async () => {
    const dir = controlModules()
    const doc = testExperiment({
      controls: [{ name: 'hangs', provider: { type: 'python', module: 'hanging' } }],
      method: [action('inject')],
      rollbacks: [action('repair')],
    })
    const { journal, events } = await run(doc, dir)
    expect(journal.status).toBe('interrupted')
    expect(journal.steadystate?.stop).toMatchObject({ control: 'hangs', probe: 'before_method_control' })
    expect(journal.rollbacks.map((r) => [r.activity.name, r.status])).toEqual([['repair', 'succeeded']])
    expect(events).toContainEqual({
      type: 'warning',
      message: expect.stringMatching(
        /^control 'hangs' \(hanging\): after_method_control was stopped after the run was interrupted \(deadline of 10 s passed\), so that what follows \(the rollbacks\) can run$/,
      ),
    })
  }, 60_000)

  it('what hooks change in an activity or the experiment is what runs, and what the journal holds', async () => {
    const dir = controlModules()
    const doc = testExperiment({
      controls: [{ name: 'changer', provider: { type: 'python', module: 'changing' } }],
      method: [action('a1'), action('a2')],
    })
    const { journal, calls } = await run(doc, dir)
    expect(journal.status, JSON.stringify(journal.steadystate?.error)).toBe('completed')
    expect(
      journal.run.map((r) => [r.activity.name, r.activity.iteration_index ?? null, r.output, r.status]),
    ).toEqual([
      ['a1', null, 'a1', 'succeeded'],
      ['a1', 1, 'a1', 'succeeded'],
      ['a2', null, 'a2', 'succeeded'],
    ])
    expect(calls.filter((call) => call.func === 'value').map((call) => call.args.value)).toEqual([
      'ok',
      'a1',
      'a1',
      'a2',
      'ok',
    ])
    const method = journal.experiment.method
    expect(Array.isArray(method) ? method.length : method).toBe(3)
  })

  it('an activity a hook turns to a provider the run did not validate does not run, and the run stops', async () => {
    const dir = controlModules()
    const doc = testExperiment({
      controls: [{ name: 'changer', provider: { type: 'python', module: 'changing' } }],
      method: [action('retarget'), action('a2')],
      rollbacks: [action('repair')],
    })
    const { journal, calls, events } = await run(doc, dir)
    expect(journal.status).toBe('interrupted')
    expect(journal.run).toEqual([])
    expect(calls.map((call) => call.args.value)).not.toContain('elsewhere')
    expect(journal.rollbacks.map((r) => [r.activity.name, r.status])).toEqual([['repair', 'succeeded']])
    expect(events).toContainEqual({
      type: 'warning',
      message:
        "a Python control changed activity 'retarget' to call a provider that was not in the validated experiment, so it was not run; stopping the run",
    })
  })

  it('InterruptExecution before an activity: it has no entry, the run stops and names the control as its stop', async () => {
    const dir = controlModules()
    const doc = testExperiment({
      controls: [{ name: 'changer', provider: { type: 'python', module: 'changing' } }],
      method: [action('first'), action('blocked'), action('never')],
      rollbacks: [action('repair')],
    })
    const { journal } = await run(doc, dir)
    expect([journal.status, journal.run.map((r) => r.activity.name)]).toEqual(['interrupted', ['first']])
    expect(journal.rollbacks.map((r) => [r.activity.name, r.status])).toEqual([['repair', 'succeeded']])
    expect(journal.steadystate?.stop).toMatchObject({
      source: 'python-control',
      control: 'changer',
      probe: 'before_activity_control',
      reason: 'not this one',
    })
    expect(journal.steadystate?.stop?.timeToHalt).toBeGreaterThanOrEqual(0)
    expect(journal.steadystate?.verdict?.summary).toContain(
      "stopped by control 'changer' (in before_activity_control)",
    )
  })

  it('an activity a hook gives a `ref` runs as itself, as in the reference (refs are looked up before the hooks)', async () => {
    const dir = controlModules()
    const doc = testExperiment({
      controls: [{ name: 'changer', provider: { type: 'python', module: 'changing' } }],
      method: [action('a2'), action('turned')],
    })
    const { journal } = await run(doc, dir)
    expect(journal.run.map((r) => [r.activity.name, r.activity.ref, r.output])).toEqual([
      ['a2', undefined, 'a2'],
      ['turned', 'a2', 'turned'],
    ])
  })

  it('a control a hook adds to the experiment is not called: the run stops, naming both', async () => {
    const dir = controlModules()
    const doc = testExperiment({
      title: 'adds',
      controls: [{ name: 'changer', provider: { type: 'python', module: 'changing' } }],
      method: [action('a1')],
    })
    const { journal, events } = await run(doc, dir)
    expect([journal.status, journal.run]).toEqual(['interrupted', []])
    expect(events).toContainEqual({
      type: 'warning',
      message:
        "control 'changer' (changing) added control 'extra' to the experiment, which steadystate did not validate and does not call (before_hypothesis_control); stopping the run",
    })
  })

  it('a control that registers run-event handlers stops the run before anything runs (steadystate sends no such events)', async () => {
    const dir = controlModules()
    const doc = testExperiment({
      controls: [{ name: 'prechecks', provider: { type: 'python', module: 'registering' } }],
      method: [action('a1')],
    })
    const { journal, events } = await run(doc, dir)
    expect([journal.status, journal.run, journal.steady_states.before]).toEqual(['interrupted', [], null])
    expect(events).toContainEqual({
      type: 'warning',
      message:
        "control 'prechecks' (registering) could not run configure_control: it calls event_registry.register(): steadystate does not send chaostoolkit-lib's run events to Python controls; stopping the run, as its checks can no longer run",
    })
  })

  it('hooks of background activities run side by side, as in the reference’s threads', async () => {
    const dir = controlModules()
    const doc = testExperiment({
      controls: [{ name: 'meeting', provider: { type: 'python', module: 'meeting' } }],
      method: [
        { ...action('bg1'), background: true },
        { ...action('bg2'), background: true },
      ],
    })
    const { journal, events } = await run(doc, dir)
    expect(events.filter((event) => event.type === 'warning')).toEqual([])
    // Started in whichever order their hooks finished.
    expect(journal.run.map((r) => `${r.activity.name} ${r.status}`).sort()).toEqual([
      'bg1 succeeded',
      'bg2 succeeded',
    ])
  })

  it('a run without Python controls starts no Python', async () => {
    const dir = controlModules()
    const doc = testExperiment({
      controls: [
        {
          name: 'guard',
          provider: {
            type: 'python',
            module: 'chaosaddons.controls.safeguards',
            arguments: { probes: [probe('calm', true, true)] },
          },
        },
      ],
      method: [action('a1')],
    })
    const { journal, registry } = await run(doc, dir)
    expect(journal.status, JSON.stringify(journal.steadystate?.error)).toBe('completed')
    expect(registry.python.generation).toBe(0)
  })
})
