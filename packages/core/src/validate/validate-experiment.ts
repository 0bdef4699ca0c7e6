import {
  entriesOf,
  HYPOTHESIS_STRATEGIES,
  hypothesisProbes,
  isExperiment,
  isJsonObject,
  isMalformed,
  ROLLBACK_STRATEGIES,
  type ActivityEntry,
  type Experiment,
  type JsonValue,
} from '@steadystate/model'
import type { Environment } from '../config/configuration.ts'
import { resolutionProblems, resolveInputs, type RunInputs } from '../config/inputs.ts'
import type { Overrides } from '../config/overrides.ts'
import type { ValidationIssue } from '../errors.ts'
import { normalizeExperiment } from '../experiment/normalize.ts'
import type { ProviderRegistry } from '../providers/registry.ts'
import { validateActivity, validateHypothesisProbe, type ActivityValidationContext } from './activity.ts'
import { validateControls } from './controls.ts'
import { validateTags } from './tags.ts'
import { declaredControls, type GlobalControlSource } from '../controls/declared.ts'
import { decideControls, type RunControls } from '../controls/decide.ts'
import { globalControlShapeProblems, honourProblem } from '../controls/honour.ts'
import { SAFEGUARDS_MODULE, validateSafeguards } from '../controls/safeguards/probes.ts'

export interface ValidateOptions {
  registry: ProviderRegistry
  env: Environment
  cwd: string
  overrides?: Overrides
  /** Configuration and secrets already resolved for this experiment (see `RunOptions.inputs`). */
  inputs?: RunInputs
  /** The experiment's path or URL, which messages about its controls name. */
  source?: string
  /** Controls steadystate cannot honour are warnings instead of errors (`--skip-unknown-controls`). */
  skipUnknownControls?: boolean
  /** Controls from a settings file or `--control-file`s, validated with the experiment's. */
  globalControls?: readonly GlobalControlSource[]
  /** The controls already decided for this experiment (a run decides them once, see prepareRun). */
  controls?: RunControls
}

const error = (path: string, message: string): ValidationIssue => ({ path, message, severity: 'error' })

/**
 * Every rule of the reference's `chaos validate` (docs/chaos-toolkit.md §6), but reporting all
 * problems at once, each with its JSON path. Semantic checks included: environment configuration
 * must resolve, programs must be on PATH, Python modules must be implemented and their arguments
 * must bind. Takes an `Experiment`, or any parsed document (normalised here).
 */
export async function validateExperiment(
  input: unknown,
  options: ValidateOptions,
): Promise<ValidationIssue[]> {
  const experiment = isExperiment(input) ? input : normalizeExperiment(input)
  if (!isExperiment(experiment) || Object.keys(experiment.source).length === 0) {
    return [error('', 'an empty experiment is not an experiment')]
  }
  const issues: ValidationIssue[] = []
  const said = new Set<string>()
  const context: ActivityValidationContext = {
    registry: options.registry,
    env: options.env,
    cwd: options.cwd,
    once: (key) => !said.has(key) && said.add(key).has(key),
  }
  const { title, description } = experiment
  if (isMalformed(title) || title === '') issues.push(error('title', 'experiment requires a title'))
  if (isMalformed(description) || description === '')
    issues.push(error('description', 'experiment requires a description'))
  issues.push(...validateTags(experiment.tags), ...validateExtensions(experiment.extensions))
  const inputs = options.inputs ?? resolveInputs(experiment, options.env, options.overrides)
  issues.push(...resolutionProblems(inputs).map((problem) => error(problem.path, problem.message)))
  issues.push(...validateRuntime(experiment))
  issues.push(...(await validateHypothesis(experiment, context)))

  if (isMalformed(experiment.method)) {
    issues.push(
      error(
        'method',
        'an experiment requires a method, which can be empty for only checking steady state hypothesis ',
      ),
    )
  } else {
    for (const [index, activity] of experiment.method.entries())
      issues.push(...(await validateActivity(activity, `method[${index}]`, context)))
  }
  if (isMalformed(experiment.rollbacks))
    issues.push(error('rollbacks', 'rollbacks must be a list of activities'))
  for (const [index, activity] of entriesOf(experiment.rollbacks).entries()) {
    issues.push(...(await validateActivity(activity, `rollbacks[${index}]`, context)))
  }
  issues.push(...validateRefs(experiment))
  issues.push(...validateControls(experiment.controls, 'controls'))
  issues.push(...validateActivityControls(experiment))
  issues.push(...(options.globalControls ?? []).flatMap(globalControlShapeProblems))
  const controls =
    options.controls ?? (await decideControls(experiment, { ...options, once: context.once }, true))
  issues.push(...controls.issues)
  for (const control of declaredControls(
    experiment,
    options.source ?? 'the experiment',
    options.globalControls,
  ))
    if (control.module === SAFEGUARDS_MODULE && honourProblem(control) === undefined)
      issues.push(...(await validateSafeguards(control, context)))
  return issues
}

/** The shape of the hypothesis's and every activity's own `controls`. */
function validateActivityControls(experiment: Experiment): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const hypothesis = experiment.hypothesis
  if (hypothesis !== undefined && !isMalformed(hypothesis))
    issues.push(...validateControls(hypothesis.controls, 'steady-state-hypothesis.controls'))
  const lists: [readonly ActivityEntry[], string][] = [
    [hypothesisProbes(hypothesis), 'steady-state-hypothesis.probes'],
    [entriesOf(experiment.method), 'method'],
    [entriesOf(experiment.rollbacks), 'rollbacks'],
  ]
  for (const [entries, prefix] of lists)
    entries.forEach((entry, index) => {
      if (entry.kind === 'activity')
        issues.push(...validateControls(entry.source.controls, `${prefix}[${index}].controls`))
    })
  return issues
}

function validateExtensions(extensions: JsonValue | undefined): ValidationIssue[] {
  if (extensions === undefined) return []
  if (!Array.isArray(extensions)) return [error('extensions', 'extensions must be a list')]
  return extensions.flatMap((extension, index) =>
    isJsonObject(extension) && typeof extension.name === 'string' && extension.name !== ''
      ? []
      : [error(`extensions[${index}].name`, 'All extensions require a non-empty name')],
  )
}

function validateRuntime(experiment: Experiment): ValidationIssue[] {
  const runtime = experiment.runtime
  if (runtime === undefined) return []
  if (isMalformed(runtime)) return [error('runtime', 'runtime must be a mapping')]
  const issues: ValidationIssue[] = []
  const check = (key: 'rollbacks' | 'hypothesis', strategy: unknown, allowed: readonly string[]): void => {
    if (!isMalformed(strategy)) return
    issues.push(
      error(
        `runtime.${key}.strategy`,
        `unknown strategy ${JSON.stringify(strategy.value)} (use one of: ${allowed.join(', ')})`,
      ),
    )
  }
  check('rollbacks', runtime.rollbackStrategy, ROLLBACK_STRATEGIES)
  check('hypothesis', runtime.hypothesisStrategy, [...HYPOTHESIS_STRATEGIES, 'continously', 'skip'])
  return issues
}

async function validateHypothesis(
  experiment: Experiment,
  context: ActivityValidationContext,
): Promise<ValidationIssue[]> {
  const hypothesis = experiment.hypothesis
  if (hypothesis === undefined) return []
  const path = 'steady-state-hypothesis'
  if (isMalformed(hypothesis))
    return [error(path, 'the steady-state hypothesis must be a mapping with a title and probes')]
  const issues: ValidationIssue[] = []
  if (isMalformed(hypothesis.title) || hypothesis.title === '')
    issues.push(error(`${path}.title`, 'hypothesis requires a title'))
  if (isMalformed(hypothesis.probes)) issues.push(error(`${path}.probes`, 'hypothesis probes must be a list'))
  for (const [index, probe] of entriesOf(hypothesis.probes).entries()) {
    issues.push(...(await validateHypothesisProbe(probe, `${path}.probes[${index}]`, context)))
  }
  return issues
}

/** Refs must name a method activity or hypothesis probe (the reference checks method refs only). */
function validateRefs(experiment: Experiment): ValidationIssue[] {
  const method = entriesOf(experiment.method)
  const probes = hypothesisProbes(experiment.hypothesis)
  const names = new Set<string>()
  for (const entry of [...method, ...probes])
    if (entry.kind === 'activity' && typeof entry.name === 'string') names.add(entry.name)
  const issues: ValidationIssue[] = []
  const check = (list: readonly ActivityEntry[], prefix: string): void => {
    list.forEach((entry, index) => {
      if (
        entry.kind === 'ref' &&
        typeof entry.ref === 'string' &&
        entry.ref !== '' &&
        !names.has(entry.ref)
      ) {
        issues.push(
          error(
            `${prefix}[${index}].ref`,
            `referenced activity '${entry.ref}' could not be found in the experiment`,
          ),
        )
      }
    })
  }
  check(method, 'method')
  check(probes, 'steady-state-hypothesis.probes')
  check(entriesOf(experiment.rollbacks), 'rollbacks')
  return issues
}
