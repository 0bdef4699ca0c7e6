import { isAbsolute, resolve } from 'node:path'
import { errorMessage, parseVar } from '@steadystate/core'
import {
  DRY_RUN_MODES,
  DEPRECATED_HYPOTHESIS_STRATEGIES,
  HYPOTHESIS_STRATEGIES,
  ROLLBACK_STRATEGIES,
  type DryRunMode,
  type HypothesisStrategyFlag,
  type RollbackStrategy,
} from '@steadystate/model'

/** Every input action.yml declares, in its order. */
export const INPUT_NAMES = [
  'experiment',
  'journal-path',
  'report-path',
  'junit-path',
  'rollback-strategy',
  'hypothesis-strategy',
  'hypothesis-frequency',
  'fail-fast',
  'skip-unknown-controls',
  'dry',
  'vars',
  'var-files',
  'kube-context',
  'lock',
  'lock-timeout',
  'kill-switch-interval',
  'fail-on-deviation',
  'working-directory',
] as const

export type InputName = (typeof INPUT_NAMES)[number]

/** Raw values by input id, as the runner hands them over (`INPUT_<ID>`); undefined when not set. */
export type RawInputs = Partial<Record<InputName, string>>

/**
 * The inputs from the environment, as the runner names them: `INPUT_` and the id upper-cased, spaces
 * as underscores, hyphens kept (`INPUT_JOURNAL-PATH`). Unlike `core.getInput`, a variable that is not
 * set stays undefined, so an input set to '' (e.g. `report-path: ''`: no report) differs from one left
 * out (its default).
 */
export function readRawInputs(env: Readonly<Record<string, string | undefined>>): RawInputs {
  const raw: RawInputs = {}
  for (const name of INPUT_NAMES) {
    const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]
    if (value !== undefined) raw[name] = value
  }
  return raw
}

/**
 * action.yml's defaults. The runner passes them itself; they apply here too to inputs that are not
 * set at all (a harness other than the runner), and a test keeps both lists equal.
 */
export const INPUT_DEFAULTS = {
  'journal-path': 'journal.json',
  'report-path': 'report.pdf',
  'junit-path': 'junit.xml',
  'fail-fast': 'false',
  'lock-timeout': '0',
  'skip-unknown-controls': 'false',
  'fail-on-deviation': 'true',
  'working-directory': '.',
} as const satisfies Partial<Record<InputName, string>>

/** The typed settings of one run of the action. Paths are absolute. */
export interface ActionInputs {
  /** An absolute path, or an http(s) URL. */
  experiment: string
  workingDirectory: string
  journalPath: string
  /** No report when undefined (`report-path: ''`). */
  reportPath: string | undefined
  junitPath: string | undefined
  rollbackStrategy: RollbackStrategy | undefined
  hypothesisStrategy: HypothesisStrategyFlag | undefined
  hypothesisFrequency: number | undefined
  failFast: boolean
  skipUnknownControls: boolean
  dry: DryRunMode | undefined
  /** `name[:type]=value` lines, checked. */
  vars: string[]
  varFiles: string[]
  kubeContext: string | undefined
  /** `--lock NAME`: the lock of Kubernetes runs; by default named after the experiment. */
  lock: string | undefined
  /** `--lock-timeout`: seconds to wait for another run's lock (0: fail at once). */
  lockTimeout: number
  /** `--kill-switch-interval`: seconds between reads of the kill switches; undefined: the CLI's default. */
  killSwitchInterval: number | undefined
  failOnDeviation: boolean
}

/** A wrong input, named, with the value and the expected form. */
export interface InputProblem {
  input: InputName
  message: string
}

/**
 * The settings, or every problem with the inputs; even then, where the journal goes and what the
 * experiment is, as far as they can be read, so the step still leaves its `aborted` journal.
 */
export type ParsedInputs =
  | { ok: true; inputs: ActionInputs }
  | { ok: false; problems: InputProblem[]; journalPath: string; experiment: string }

/**
 * Turns raw input strings into settings, or lists every problem at once. Relative paths are resolved
 * against `working-directory`, itself relative to the workspace; absolute ones (e.g. under
 * `runner.temp`) are kept. Nothing here touches the file system.
 */
export function parseInputs(raw: RawInputs, workspace: string): ParsedInputs {
  const problems: InputProblem[] = []
  const defaults: Partial<Record<InputName, string>> = INPUT_DEFAULTS
  const text = (name: InputName): string => (raw[name] ?? defaults[name] ?? '').trim()
  const optional = (name: InputName): string | undefined => (text(name) === '' ? undefined : text(name))
  // Where an empty value has no meaning of its own, it means the default.
  const withDefault = (name: keyof typeof INPUT_DEFAULTS): string => optional(name) ?? INPUT_DEFAULTS[name]
  const fail = (input: InputName, message: string): undefined => {
    problems.push({ input, message })
    return undefined
  }

  const workingDirectory = resolve(workspace, withDefault('working-directory'))
  const path = (value: string): string => (isAbsolute(value) ? value : resolve(workingDirectory, value))
  const experiment = optional('experiment')
  if (experiment === undefined) fail('experiment', 'is required: the path of the experiment file to run')

  // `deprecated`: old spellings the CLI accepts (with a warning), left out of the message.
  const choice = <T extends string>(
    name: InputName,
    allowed: readonly T[],
    deprecated: readonly T[] = [],
  ): T | undefined => {
    const value = optional(name)
    if (value === undefined || [...allowed, ...deprecated].includes(value as T)) return value as T | undefined
    return fail(name, `${JSON.stringify(value)} is not one of: ${allowed.join(', ')}`)
  }
  const boolean = (name: keyof typeof INPUT_DEFAULTS): boolean => {
    const value = withDefault(name)
    // The YAML 1.2 core schema's booleans, as @actions/core's getBooleanInput accepts them.
    if (['true', 'True', 'TRUE'].includes(value)) return true
    if (['false', 'False', 'FALSE'].includes(value)) return false
    fail(name, `${JSON.stringify(value)} is not a boolean: use true or false`)
    return false
  }
  const lines = (name: InputName): string[] =>
    text(name)
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '')

  const positiveSeconds = (name: InputName): number | undefined => {
    const value = optional(name)
    if (value === undefined) return undefined
    const seconds = Number(value)
    if (Number.isFinite(seconds) && seconds > 0) return seconds
    return fail(name, `${JSON.stringify(value)} must be a positive number of seconds`)
  }
  const frequency = positiveSeconds('hypothesis-frequency')
  const killSwitchInterval = positiveSeconds('kill-switch-interval')

  const lockTimeoutText = withDefault('lock-timeout')
  const lockTimeout = Number(lockTimeoutText)
  if (!(Number.isFinite(lockTimeout) && lockTimeout >= 0))
    fail('lock-timeout', `${JSON.stringify(lockTimeoutText)} must be a number of seconds, 0 or more`)

  const vars = lines('vars')
  for (const line of vars) {
    try {
      parseVar(line)
    } catch (error) {
      fail('vars', errorMessage(error).replace(/^--var /, ''))
    }
  }

  const inputs: ActionInputs = {
    experiment:
      experiment === undefined || /^https?:\/\//i.test(experiment) ? (experiment ?? '') : path(experiment),
    workingDirectory,
    journalPath: path(withDefault('journal-path')),
    reportPath: mapDefined(optional('report-path'), path),
    junitPath: mapDefined(optional('junit-path'), path),
    rollbackStrategy: choice('rollback-strategy', ROLLBACK_STRATEGIES),
    hypothesisStrategy: choice(
      'hypothesis-strategy',
      HYPOTHESIS_STRATEGIES,
      DEPRECATED_HYPOTHESIS_STRATEGIES,
    ),
    hypothesisFrequency: frequency,
    failFast: boolean('fail-fast'),
    skipUnknownControls: boolean('skip-unknown-controls'),
    dry: choice('dry', DRY_RUN_MODES),
    vars,
    varFiles: lines('var-files').map(path),
    kubeContext: optional('kube-context'),
    lock: optional('lock'),
    lockTimeout: Number.isFinite(lockTimeout) && lockTimeout >= 0 ? lockTimeout : 0,
    killSwitchInterval,
    failOnDeviation: boolean('fail-on-deviation'),
  }
  for (const [name, value] of [
    ['report-path', inputs.reportPath],
    ['junit-path', inputs.junitPath],
  ] as const) {
    if (value === inputs.journalPath) fail(name, `${JSON.stringify(text(name))} is also the journal-path`)
  }
  return problems.length > 0
    ? {
        ok: false,
        problems,
        journalPath: inputs.journalPath,
        experiment: inputs.experiment === '' ? '(no experiment given)' : inputs.experiment,
      }
    : { ok: true, inputs }
}

function mapDefined<T, U>(value: T | undefined, map: (value: T) => U): U | undefined {
  return value === undefined ? undefined : map(value)
}
