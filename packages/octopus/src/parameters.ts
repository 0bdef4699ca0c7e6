import {
  HYPOTHESIS_STRATEGIES,
  ROLLBACK_STRATEGIES,
  type HypothesisStrategy,
  type RollbackStrategy,
} from '@steadystate/model'
import { PARAMETER_IDS } from './ids.ts'
import type { ControlType, Parameter } from './step-template.ts'

/** The Library asks for a prefix on parameter names so they cannot clash with a project's variables. */
export const PARAMETER_PREFIX = 'Steadystate.'

export type ParameterKey = keyof typeof PARAMETER_IDS

/** The package parameter's name; the script reads `Octopus.Action.Package[<name>].ExtractedPath`. */
export const EXPERIMENT_PACKAGE = `${PARAMETER_PREFIX}ExperimentPackage`

const ROLLBACK_LABELS = {
  default: 'default (as Chaos Toolkit, and also after a failed or interrupted run)',
  always: 'always',
  never: 'never',
  deviated: 'only when the steady state deviated',
} satisfies Record<RollbackStrategy, string>

const HYPOTHESIS_LABELS = {
  default: 'default: before and after the method',
  'before-method-only': 'before the method only',
  'after-method-only': 'after the method only',
  'during-method-only': 'during the method only',
  continuously: 'continuously: before, during and after the method',
} satisfies Record<HypothesisStrategy, string>

/** "value|Label" lines, in the CLI's order, so the choices cannot drift from what `run` accepts. */
function selectOptions<T extends string>(values: readonly T[], labels: Record<T, string>): string {
  return values.map((value) => `${value}|${labels[value]}`).join('\n')
}

interface ParameterSpec {
  key: ParameterKey
  label: string
  helpText: string
  defaultValue: string
  control: ControlType
  options?: string
}

/** The parameters in the order Octopus shows them; `cliVersion` is the steadystate version to pin. */
export function parameterSpecs(cliVersion: string): ParameterSpec[] {
  return [
    {
      key: 'Experiment',
      label: 'Experiment',
      control: 'MultiLineText',
      defaultValue: '',
      helpText:
        'The Chaos Toolkit experiment, unchanged: paste its JSON or YAML here, or give the path of the experiment file inside the **Experiment package** (e.g. `experiments/pod-kill.json`). An absolute path on the worker or an `https://` URL works too.',
    },
    {
      key: 'ExperimentPackage',
      label: 'Experiment package',
      control: 'Package',
      defaultValue: '',
      helpText:
        'Optional. A package holding the experiment file (and whatever it refers to); a relative path in **Experiment** is read inside it.',
    },
    {
      key: 'JournalFile',
      label: 'Journal file',
      control: 'SingleLineText',
      defaultValue: 'journal.json',
      helpText:
        'File name of the journal (Chaos Toolkit format), written to the working directory and attached as an artifact, also when the experiment failed or deviated.',
    },
    {
      key: 'ReportFile',
      label: 'Report file',
      control: 'SingleLineText',
      defaultValue: 'report.pdf',
      helpText:
        'File name of the report attached as an artifact: `.pdf`, `.md` or `.html`. Leave it empty for no report.',
    },
    {
      key: 'JUnitFile',
      label: 'JUnit file',
      control: 'SingleLineText',
      defaultValue: '',
      helpText:
        'Optional. File name of a JUnit XML report (one test case per probe and activity), attached as an artifact, e.g. `junit.xml`.',
    },
    {
      key: 'RollbackStrategy',
      label: 'Rollback strategy',
      control: 'Select',
      defaultValue: 'default',
      options: selectOptions(ROLLBACK_STRATEGIES, ROLLBACK_LABELS),
      helpText: 'When the rollbacks run (`--rollback-strategy`).',
    },
    {
      key: 'HypothesisStrategy',
      label: 'Hypothesis strategy',
      control: 'Select',
      defaultValue: 'default',
      options: selectOptions(HYPOTHESIS_STRATEGIES, HYPOTHESIS_LABELS),
      helpText: 'When the steady-state hypothesis is checked (`--hypothesis-strategy`).',
    },
    {
      key: 'Variables',
      label: 'Variables',
      control: 'MultiLineText',
      defaultValue: '',
      helpText:
        'Optional. Configuration values, one `name=value` per line (as `--var name=value`; values are strings). Lines starting with `#` are ignored.',
    },
    {
      key: 'Secrets',
      label: 'Secrets',
      control: 'Sensitive',
      defaultValue: '',
      helpText:
        'Optional. Environment variables for the experiment\'s secrets (`{"type": "env", "key": "NAME"}`), as `NAME=value` lines (quotes around a value are optional): bind it to a sensitive variable. They reach steadystate in a file only this step\'s user can read, removed afterwards, and are never logged; steadystate redacts them in logs, journal and report.',
    },
    {
      key: 'KubernetesContext',
      label: 'Kubernetes context',
      control: 'SingleLineText',
      defaultValue: '',
      helpText:
        "Optional. The kubeconfig context to use (`KUBERNETES_CONTEXT`). By default, the one Octopus prepared for the step's Kubernetes target.",
    },
    {
      key: 'Lock',
      label: 'Lock',
      control: 'SingleLineText',
      defaultValue: '',
      helpText:
        'Optional. Kubernetes runs: the Lease that lets one run at a time work on the target namespaces (`--lock`). By default one named after the experiment, shared by every scheduler that runs it.',
    },
    {
      key: 'LockTimeout',
      label: 'Lock timeout (seconds)',
      control: 'SingleLineText',
      defaultValue: '0',
      helpText:
        "Kubernetes runs: how long to wait for another run's lock (`--lock-timeout`). `0` fails the step at once, saying who holds it.",
    },
    {
      key: 'KillSwitchInterval',
      label: 'Kill switch interval (seconds)',
      control: 'SingleLineText',
      defaultValue: '',
      helpText:
        'Optional. How often a running run reads its Kubernetes kill switches again (`--kill-switch-interval`). Empty: the `STEADYSTATE_KILL_SWITCH_INTERVAL` environment variable, else 5.',
    },
    {
      key: 'FailOnDeviation',
      label: 'Fail on deviation',
      control: 'Checkbox',
      defaultValue: 'True',
      helpText:
        'Fail the step when the steady state deviated, could not be tested (not met before the method) or the fault may not have been injected (a method activity failed). A run that failed, was aborted or interrupted always fails the step.',
    },
    {
      key: 'SkipUnknownControls',
      label: 'Skip unknown controls',
      control: 'Checkbox',
      defaultValue: 'False',
      helpText:
        'Run without the controls steadystate cannot honour (`--skip-unknown-controls`): each one is a warning in the log, journal and report. Unchecked, such a control makes the run refuse to start.',
    },
    {
      key: 'Install',
      label: 'Install steadystate from',
      control: 'SingleLineText',
      defaultValue: `@steadystate/cli@${cliVersion}`,
      helpText: [
        'Where steadystate comes from. One of:',
        '`PATH`: the `steadystate` already on the worker, or in the execution container (the `-kubectl` tag of the steadystate image);',
        `an npm package, anything \`npm install\` accepts (the default, \`@steadystate/cli@${cliVersion}\`, is this template's version; needs Node.js 20.10 or newer and npm on the worker);`,
        `the URL or path of a release's self-contained tarball, e.g. \`https://github.com/steadystate/steadystate/releases/download/v${cliVersion}/steadystate-${cliVersion}.tar.gz\` (needs only Node.js 20.10 or newer).`,
        'An install is cached on the worker. A steadystate on PATH of the exact version the npm package names is used without installing.',
        "A tarball is checked before it is unpacked: against **Install SHA-256** when set, else against the release's `SHA256SUMS` beside it (a download without either is refused).",
      ].join(' '),
    },
    {
      key: 'InstallSha256',
      label: 'Install SHA-256',
      control: 'SingleLineText',
      defaultValue: '',
      helpText:
        "Optional. The SHA-256 the tarball in **Install steadystate from** must have (64 hex digits, its line in the release's `SHA256SUMS`); a tarball that differs is not installed. Empty: a downloaded tarball is checked against the `SHA256SUMS` downloaded from beside it. Only for a tarball: npm checks its packages itself.",
    },
  ]
}

/** Parameters in the Library's format. */
export function buildParameters(cliVersion: string): Parameter[] {
  return parameterSpecs(cliVersion).map((spec) => ({
    Id: PARAMETER_IDS[spec.key],
    Name: `${PARAMETER_PREFIX}${spec.key}`,
    Label: spec.label,
    HelpText: spec.helpText,
    DefaultValue: spec.defaultValue,
    DisplaySettings: {
      'Octopus.ControlType': spec.control,
      ...(spec.options === undefined ? {} : { 'Octopus.SelectOptions': spec.options }),
    },
  }))
}
