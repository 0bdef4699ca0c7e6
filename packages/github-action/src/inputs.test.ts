import { describe, expect, it } from 'vitest'
import { INPUT_DEFAULTS, parseInputs, readRawInputs, type ParsedInputs, type RawInputs } from './inputs.ts'

const WORKSPACE = '/home/runner/work/app/app'

function parsed(raw: RawInputs): ParsedInputs {
  return parseInputs({ ...INPUT_DEFAULTS, ...raw }, WORKSPACE)
}

describe('parseInputs', () => {
  it('resolves the defaults the runner passes into absolute paths and typed settings', () => {
    expect(parsed({ experiment: 'chaos/experiment.json' })).toEqual({
      ok: true,
      inputs: {
        experiment: `${WORKSPACE}/chaos/experiment.json`,
        workingDirectory: WORKSPACE,
        journalPath: `${WORKSPACE}/journal.json`,
        reportPath: `${WORKSPACE}/report.pdf`,
        junitPath: `${WORKSPACE}/junit.xml`,
        rollbackStrategy: undefined,
        hypothesisStrategy: undefined,
        hypothesisFrequency: undefined,
        failFast: false,
        skipUnknownControls: false,
        dry: undefined,
        vars: [],
        varFiles: [],
        kubeContext: undefined,
        lock: undefined,
        lockTimeout: 0,
        killSwitchInterval: undefined,
        failOnDeviation: true,
      },
    })
  })

  it('reads every input, trimmed, relative to working-directory; absolute paths and URLs stay', () => {
    const result = parsed({
      experiment: ' https://example.test/experiment.yaml ',
      'working-directory': 'ops/chaos',
      'journal-path': '/tmp/runner/journal.json',
      'report-path': 'out/report.md',
      'junit-path': '',
      'rollback-strategy': 'always',
      'hypothesis-strategy': 'continuously',
      'hypothesis-frequency': '2.5',
      'fail-fast': 'True',
      'skip-unknown-controls': 'true',
      dry: 'actions',
      vars: 'replicas:int=3\n\n  region=eu-west-1  \r\n',
      'var-files': 'vars.yaml\n/etc/chaos/secrets.env',
      'kube-context': 'staging',
      lock: ' checkout-chaos ',
      'lock-timeout': '120',
      'kill-switch-interval': ' 1.5 ',
      'fail-on-deviation': 'FALSE',
    })
    expect(result).toEqual({
      ok: true,
      inputs: {
        experiment: 'https://example.test/experiment.yaml',
        workingDirectory: `${WORKSPACE}/ops/chaos`,
        journalPath: '/tmp/runner/journal.json',
        reportPath: `${WORKSPACE}/ops/chaos/out/report.md`,
        junitPath: undefined,
        rollbackStrategy: 'always',
        hypothesisStrategy: 'continuously',
        hypothesisFrequency: 2.5,
        failFast: true,
        skipUnknownControls: true,
        dry: 'actions',
        vars: ['replicas:int=3', 'region=eu-west-1'],
        varFiles: [`${WORKSPACE}/ops/chaos/vars.yaml`, '/etc/chaos/secrets.env'],
        kubeContext: 'staging',
        lock: 'checkout-chaos',
        lockTimeout: 120,
        killSwitchInterval: 1.5,
        failOnDeviation: false,
      },
    })
  })

  it('applies the defaults to inputs that are not set at all, and an empty journal-path means the default', () => {
    const result = parseInputs({ experiment: 'e.json', 'journal-path': '' }, WORKSPACE)
    expect(result.ok && result.inputs).toMatchObject({
      journalPath: `${WORKSPACE}/journal.json`,
      reportPath: `${WORKSPACE}/report.pdf`,
      junitPath: `${WORKSPACE}/junit.xml`,
      failOnDeviation: true,
    })
  })

  it("accepts the reference's old spelling 'continously' (the CLI warns about it), never offering it", () => {
    const result = parsed({ experiment: 'e.json', 'hypothesis-strategy': 'continously' })
    expect(result.ok && result.inputs.hypothesisStrategy).toBe('continously')
  })

  it('lists every problem at once, each naming its input, the value and the expected form', () => {
    const result = parsed({
      experiment: '  ',
      'rollback-strategy': 'sometimes',
      'hypothesis-strategy': 'after',
      'hypothesis-frequency': '0',
      'fail-fast': 'yes',
      dry: 'everything',
      vars: 'replicas:count=3\nno-equals-sign',
      'fail-on-deviation': 'on',
      'report-path': 'journal.json',
      'lock-timeout': '-5',
      'kill-switch-interval': 'often',
    })
    expect(result).toEqual({
      ok: false,
      problems: [
        { input: 'experiment', message: 'is required: the path of the experiment file to run' },
        { input: 'hypothesis-frequency', message: '"0" must be a positive number of seconds' },
        { input: 'kill-switch-interval', message: '"often" must be a positive number of seconds' },
        { input: 'lock-timeout', message: '"-5" must be a number of seconds, 0 or more' },
        {
          input: 'vars',
          message: "replicas:count: unknown type 'count' (use str, int, float, bytes, bool or json)",
        },
        { input: 'vars', message: '"no-equals-sign": expected name=value or name:type=value' },
        {
          input: 'rollback-strategy',
          message: '"sometimes" is not one of: default, always, never, deviated',
        },
        {
          input: 'hypothesis-strategy',
          message:
            '"after" is not one of: default, before-method-only, after-method-only, during-method-only, continuously',
        },
        { input: 'fail-fast', message: '"yes" is not a boolean: use true or false' },
        { input: 'dry', message: '"everything" is not one of: probes, actions, activities, pause' },
        { input: 'fail-on-deviation', message: '"on" is not a boolean: use true or false' },
        { input: 'report-path', message: '"journal.json" is also the journal-path' },
      ],
      // Where the aborted journal goes, all the same.
      journalPath: `${WORKSPACE}/journal.json`,
      experiment: '(no experiment given)',
    })
  })
})

describe('readRawInputs', () => {
  it('reads INPUT_ variables as the runner names them (hyphens kept), telling unset from empty', () => {
    expect(
      readRawInputs({
        INPUT_EXPERIMENT: 'e.json',
        'INPUT_JOURNAL-PATH': 'out/journal.json',
        'INPUT_REPORT-PATH': '',
        INPUT_JOURNAL_PATH: 'the underscore form is not the runner’s',
        INPUT_UNKNOWN: 'ignored',
      }),
    ).toEqual({ experiment: 'e.json', 'journal-path': 'out/journal.json', 'report-path': '' })
  })
})
