import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { HYPOTHESIS_STRATEGIES, ROLLBACK_STRATEGIES } from '@steadystate/model'
import { describe, expect, it } from 'vitest'
import { buildTemplate, generateTemplate, renderTemplate, templatePaths } from './build-template.ts'
import { PARAMETER_IDS, RETIRED_PARAMETER_IDS } from './ids.ts'
import { EXPERIMENT_PACKAGE, PARAMETER_PREFIX } from './parameters.ts'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const paths = templatePaths(ROOT)
const script = readFileSync(paths.script, 'utf8')
const cliVersion = (JSON.parse(readFileSync(paths.cliPackage, 'utf8')) as { version: string }).version
const template = buildTemplate(script, cliVersion)
const parameter = (key: keyof typeof PARAMETER_IDS) =>
  template.Parameters.find((p) => p.Name === `${PARAMETER_PREFIX}${key}`)!

describe('the step template generated from packages/octopus', () => {
  it('is the committed step-templates/steadystate-run-experiment.json, byte for byte (run `pnpm octopus:template`)', () => {
    expect(readFileSync(paths.template, 'utf8')).toBe(generateTemplate(ROOT))
  })

  it('is generated deterministically: no clock, no random Ids', () => {
    expect(renderTemplate(buildTemplate(script, cliVersion))).toBe(renderTemplate(template))
  })

  it('is an inline Bash "Run a kubectl script" step whose body is run-experiment.sh unchanged', () => {
    expect(template.ActionType).toBe('Octopus.KubernetesRunScript')
    expect(template.StepPackageId).toBe('Octopus.KubernetesRunScript')
    expect(template.Properties).toEqual({
      'Octopus.Action.Script.ScriptSource': 'Inline',
      'Octopus.Action.Script.Syntax': 'Bash',
      'Octopus.Action.Script.ScriptBody': script,
    })
  })

  it('has no Octostache expression in the script, so no parameter value is ever pasted into shell code', () => {
    expect(script).not.toContain('#{')
    expect(script).toMatch(/get_octopusvariable "Steadystate\.\$1"/)
  })

  it('reads every parameter in the script, and only declared ones', () => {
    const read = [...script.matchAll(/ss_param (\w+)/g)].map((match) => match[1])
    const keys = Object.keys(PARAMETER_IDS).filter((key) => key !== 'ExperimentPackage')
    expect(new Set(read)).toEqual(new Set(keys))
    expect(script).toContain(`Octopus.Action.Package[${EXPERIMENT_PACKAGE}].ExtractedPath`)
  })

  it('never gives a parameter the GUID of a retired one (Octopus would link it to the old one)', () => {
    const ids = template.Parameters.map((p) => p.Id)
    for (const retired of RETIRED_PARAMETER_IDS) expect(ids).not.toContain(retired)
  })

  it('binds the experiment package to its Package parameter, chosen when the template is used', () => {
    expect(parameter('ExperimentPackage').DisplaySettings['Octopus.ControlType']).toBe('Package')
    expect(template.Packages).toEqual([
      expect.objectContaining({
        Name: EXPERIMENT_PACKAGE,
        PackageId: null,
        FeedId: null,
        Properties: expect.objectContaining({
          SelectionMode: 'deferred',
          PackageParameterName: EXPERIMENT_PACKAGE,
        }),
      }),
    ])
  })

  it('keeps secrets in a Sensitive parameter with no default', () => {
    expect(parameter('Secrets').DisplaySettings['Octopus.ControlType']).toBe('Sensitive')
    expect(parameter('Secrets').DefaultValue).toBe('')
    const sensitive = template.Parameters.filter(
      (p) => p.DisplaySettings['Octopus.ControlType'] === 'Sensitive',
    )
    expect(sensitive.map((p) => p.Name)).toEqual(['Steadystate.Secrets'])
  })

  it('offers exactly the strategies `steadystate run` accepts, defaulting to "default"', () => {
    const values = (key: 'RollbackStrategy' | 'HypothesisStrategy') =>
      parameter(key)
        .DisplaySettings['Octopus.SelectOptions']!.split('\n')
        .map((line) => line.split('|')[0])
    expect(values('RollbackStrategy')).toEqual(ROLLBACK_STRATEGIES)
    expect(values('HypothesisStrategy')).toEqual(HYPOTHESIS_STRATEGIES)
    expect(parameter('RollbackStrategy').DefaultValue).toBe('default')
    expect(parameter('HypothesisStrategy').DefaultValue).toBe('default')
  })

  it("installs the CLI's own version by default, fails on deviation by default, and attaches a PDF report by default", () => {
    expect(parameter('Install').DefaultValue).toBe(`@steadystate/cli@${cliVersion}`)
    expect(parameter('FailOnDeviation')).toMatchObject({
      DefaultValue: 'True',
      DisplaySettings: { 'Octopus.ControlType': 'Checkbox' },
    })
    expect(parameter('JournalFile').DefaultValue).toBe('journal.json')
    expect(parameter('ReportFile').DefaultValue).toBe('report.pdf')
  })
})
