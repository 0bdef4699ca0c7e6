import { describe, expect, it } from 'vitest'
import { testRegistry } from '../../test-support/test-registry.ts'
import { validateExperiment, type ValidateOptions } from './validate-experiment.ts'

const { registry } = testRegistry()
const validate = (experiment: unknown, env: Record<string, string> = {}) =>
  validateExperiment(experiment, { registry, env: { PATH: process.env.PATH, ...env }, cwd: process.cwd() })

const validateWith = (experiment: unknown, options: Partial<ValidateOptions>) =>
  validateExperiment(experiment, {
    registry,
    env: { PATH: process.env.PATH },
    cwd: process.cwd(),
    ...options,
  })

describe('validateExperiment', () => {
  it('accepts a valid experiment', async () => {
    const issues = await validate({
      title: 't',
      description: 'd',
      'steady-state-hypothesis': {
        title: 'h',
        probes: [{ type: 'probe', name: 'p', tolerance: 0, provider: { type: 'process', path: 'true' } }],
      },
      method: [
        {
          type: 'action',
          name: 'a',
          provider: { type: 'http', url: 'http://localhost/' },
          pauses: { after: '${wait}' },
        },
      ],
    })
    expect(issues).toEqual([])
  })

  it('reports every problem at once, each with its JSON path', async () => {
    // The bridge is off here: what the worker says is tested with a real Python in python-bridge/.
    const issues = await validate(
      {
        title: '',
        tags: ['ok', ''],
        configuration: { url: { type: 'env', key: 'MISSING_URL' } },
        'steady-state-hypothesis': {
          probes: [
            { type: 'probe', name: 'no-tolerance', provider: { type: 'process', path: 'true' } },
            { type: 'probe', name: 'float', tolerance: 0.5, provider: { type: 'process', path: 'true' } },
          ],
        },
        method: [
          {},
          { ref: 'nowhere' },
          { type: 'event', name: 'x', provider: { type: 'process', path: 'true' } },
          {
            type: 'action',
            name: 'p',
            provider: { type: 'process', path: 'no-such-program-xyz' },
            pauses: { before: 'soon' },
          },
          {
            type: 'action',
            name: 'm',
            provider: { type: 'python', module: 'chaosaws.ec2.actions', func: 'stop_instances' },
          },
          {
            type: 'action',
            name: 'f',
            provider: {
              type: 'python',
              module: 'steadystate.testing',
              func: 'value',
              arguments: { nope: 1 },
            },
          },
          { type: 'action', name: 'g', provider: { type: 'ftp' }, background: 'yes' },
        ],
      },
      { STEADYSTATE_PYTHON: 'none' },
    )
    expect(issues.filter((i) => i.severity === 'error').map((i) => `${i.path}: ${i.message}`)).toEqual([
      'title: experiment requires a title',
      'description: experiment requires a description',
      'tags[1]: experiment tags must be a non-empty string',
      'configuration.url: Configuration makes reference to an environment key that does not exist: MISSING_URL',
      'steady-state-hypothesis.title: hypothesis requires a title',
      'steady-state-hypothesis.probes[0].tolerance: hypothesis probe must have a tolerance entry',
      expect.stringMatching(
        /^steady-state-hypothesis\.probes\[1\]\.tolerance: hypothesis probe tolerance must either be an integer/,
      ),
      'method[0]: empty activity is no activity',
      "method[2].type: 'event' is not a supported activity type",
      'method[3].pauses.before: activity before pause must be a number or a pattern to a variable from the configuration or secrets',
      "method[3].provider.path: path 'no-such-program-xyz' cannot be found, in activity 'p'",
      "method[4].provider.module: could not find Python module 'chaosaws.ec2.actions' in activity 'm': steadystate does not implement it natively, and the Python bridge is off (STEADYSTATE_PYTHON=none)",
      "method[5].provider.arguments: required argument 'value' is missing from activity 'value'",
      "method[5].provider.arguments.nope: argument 'nope' is not part of the function signature in activity 'value' (it takes: value)",
      'method[6].background: activity background must be a boolean',
      "method[6].provider.type: unknown provider type 'ftp'",
      "method[1].ref: referenced activity 'nowhere' could not be found in the experiment",
    ])
  })

  it('says an empty experiment is not an experiment', async () => {
    expect(await validate({})).toEqual([
      { path: '', message: 'an empty experiment is not an experiment', severity: 'error' },
    ])
  })

  it('requires a method list, with the reference message', async () => {
    const issues = await validate({ title: 't', description: 'd' })
    expect(issues.map((i) => i.message)).toEqual([
      'an experiment requires a method, which can be empty for only checking steady state hypothesis ',
    ])
  })

  it('refuses controls it cannot honour, naming file, control and module, and checks their shape', async () => {
    const experiment = {
      title: 't',
      description: 'd',
      method: [
        {
          type: 'action',
          name: 'a',
          provider: { type: 'process', path: 'true' },
          controls: [{ name: 'trace', provider: { type: 'python', module: 'chaostracing.control' } }],
        },
      ],
      controls: [{ name: 'c', provider: { type: 'python', module: 'chaoshumio.control' } }, { name: 'bad' }],
    }
    const issues = await validateWith(experiment, { source: 'exp.json' })
    expect(issues.map((i) => [i.severity, i.path, i.message])).toEqual([
      ['error', 'controls[1].provider', "Control 'bad' must have a `provider` property"],
      [
        'error',
        'controls[0]',
        "control 'c' (provider module 'chaoshumio.control') declared at controls[0] in exp.json cannot be honoured: steadystate does not implement it natively, and the Python bridge is off (STEADYSTATE_PYTHON=none); remove it, or pass --skip-unknown-controls to run without it",
      ],
      [
        'error',
        'method[0].controls[0]',
        "control 'trace' (provider module 'chaostracing.control') declared at method[0].controls[0] in exp.json cannot be honoured: steadystate does not implement it natively, and the Python bridge is off (STEADYSTATE_PYTHON=none); remove it, or pass --skip-unknown-controls to run without it",
      ],
    ])
  })

  it('with --skip-unknown-controls, says it runs without each one (warnings), settings files included', async () => {
    const issues = await validateWith(
      {
        title: 't',
        description: 'd',
        method: [],
        controls: [{ name: 'c', provider: { type: 'python', module: 'x.y' } }],
      },
      {
        source: 'exp.json',
        skipUnknownControls: true,
        globalControls: [
          {
            file: '/home/u/.chaostoolkit/settings.yaml',
            controls: { g: { provider: { type: 'python', module: 'z' } } },
          },
        ],
      },
    )
    expect(issues.map((i) => [i.severity, i.message])).toEqual([
      [
        'warning',
        "running WITHOUT control 'c' (provider module 'x.y') declared at controls[0] in exp.json: steadystate does not implement it natively, and the Python bridge is off (STEADYSTATE_PYTHON=none) (--skip-unknown-controls)",
      ],
      [
        'warning',
        "running WITHOUT control 'g' (provider module 'z') declared at controls.g in /home/u/.chaostoolkit/settings.yaml: steadystate does not implement it natively, and the Python bridge is off (STEADYSTATE_PYTHON=none) (--skip-unknown-controls)",
      ],
    ])
  })

  it('refuses a settings file whose controls are not a mapping of controls', async () => {
    const issues = await validateWith(
      { title: 't', description: 'd', method: [] },
      { globalControls: [{ file: 's.yaml', controls: [{ name: 'x' }] }] },
    )
    expect(issues.map((i) => i.message)).toEqual(['s.yaml: controls must be a mapping of names to controls'])
  })
})
