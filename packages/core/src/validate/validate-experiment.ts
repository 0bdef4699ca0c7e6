import { HYPOTHESIS_STRATEGIES, ROLLBACK_STRATEGIES } from '@steadystate/model'
import { resolveConfiguration, type Environment } from '../config/configuration.ts'
import { emptyOverrides, type Overrides } from '../config/overrides.ts'
import { resolveSecrets } from '../config/secrets.ts'
import type { ValidationIssue } from '../errors.ts'
import type { ProviderRegistry } from '../providers/registry.ts'
import {
  isRefEntry,
  validateActivity,
  validateHypothesisProbe,
  type ActivityValidationContext,
} from './activity.ts'
import { validateControls } from './controls.ts'

export interface ValidateOptions {
  registry: ProviderRegistry
  env: Environment
  cwd: string
  overrides?: Overrides
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

const error = (path: string, message: string): ValidationIssue => ({ path, message, severity: 'error' })

/**
 * Every rule of the reference's `chaos validate` (docs/chaos-toolkit.md §6), but reporting all
 * problems at once, each with its JSON path. Semantic checks included: environment configuration
 * must resolve, programs must be on PATH, Python modules must be implemented and their arguments
 * must bind.
 */
export async function validateExperiment(
  experiment: unknown,
  options: ValidateOptions,
): Promise<ValidationIssue[]> {
  if (!isRecord(experiment) || Object.keys(experiment).length === 0) {
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
  if (typeof experiment.title !== 'string' || experiment.title === '') {
    issues.push(error('title', 'experiment requires a title'))
  }
  if (typeof experiment.description !== 'string' || experiment.description === '') {
    issues.push(error('description', 'experiment requires a description'))
  }
  issues.push(...validateTags(experiment.tags), ...validateExtensions(experiment.extensions))
  issues.push(...validateResolution(experiment, options))
  issues.push(...validateRuntime(experiment.runtime))
  issues.push(...(await validateHypothesis(experiment['steady-state-hypothesis'], context)))

  const method = experiment.method
  if (!Array.isArray(method)) {
    issues.push(
      error(
        'method',
        'an experiment requires a method, which can be empty for only checking steady state hypothesis ',
      ),
    )
  } else {
    for (const [index, activity] of method.entries())
      issues.push(...(await validateActivity(activity, `method[${index}]`, context)))
  }
  const rollbacks = experiment.rollbacks
  if (rollbacks !== undefined && !Array.isArray(rollbacks))
    issues.push(error('rollbacks', 'rollbacks must be a list of activities'))
  if (Array.isArray(rollbacks)) {
    for (const [index, activity] of rollbacks.entries()) {
      issues.push(...(await validateActivity(activity, `rollbacks[${index}]`, context)))
    }
  }
  issues.push(...validateRefs(experiment))
  issues.push(...validateControls(experiment.controls, 'controls'))
  return issues
}

function validateTags(tags: unknown): ValidationIssue[] {
  if (tags === undefined) return []
  if (!Array.isArray(tags)) return [error('tags', 'experiment tags must be a list of non-empty strings')]
  return tags.flatMap((tag, index) =>
    typeof tag === 'string' && tag !== ''
      ? []
      : [error(`tags[${index}]`, 'experiment tags must be a non-empty string')],
  )
}

function validateExtensions(extensions: unknown): ValidationIssue[] {
  if (extensions === undefined) return []
  if (!Array.isArray(extensions)) return [error('extensions', 'extensions must be a list')]
  return extensions.flatMap((extension, index) =>
    isRecord(extension) && typeof extension.name === 'string' && extension.name !== ''
      ? []
      : [error(`extensions[${index}].name`, 'All extensions require a non-empty name')],
  )
}

function validateResolution(
  experiment: Record<string, unknown>,
  options: ValidateOptions,
): ValidationIssue[] {
  const overrides = options.overrides ?? emptyOverrides()
  const env = { ...options.env, ...overrides.env }
  const configuration = resolveConfiguration(experiment.configuration, env, overrides.configuration)
  const secrets = resolveSecrets(experiment.secrets, env, overrides.secrets)
  return [...configuration.problems, ...secrets.problems].map((problem) =>
    error(problem.path, problem.message),
  )
}

function validateRuntime(runtime: unknown): ValidationIssue[] {
  if (runtime === undefined) return []
  if (!isRecord(runtime)) return [error('runtime', 'runtime must be a mapping')]
  const issues: ValidationIssue[] = []
  const check = (key: 'rollbacks' | 'hypothesis', allowed: readonly string[]): void => {
    const section = runtime[key]
    if (section === undefined) return
    const strategy = isRecord(section) ? section.strategy : undefined
    if (strategy !== undefined && (typeof strategy !== 'string' || !allowed.includes(strategy))) {
      issues.push(
        error(
          `runtime.${key}.strategy`,
          `unknown strategy ${JSON.stringify(strategy)} (use one of: ${allowed.join(', ')})`,
        ),
      )
    }
  }
  check('rollbacks', ROLLBACK_STRATEGIES)
  check('hypothesis', [...HYPOTHESIS_STRATEGIES, 'continously', 'skip'])
  return issues
}

async function validateHypothesis(
  hypothesis: unknown,
  context: ActivityValidationContext,
): Promise<ValidationIssue[]> {
  if (hypothesis === undefined || hypothesis === null) return []
  const path = 'steady-state-hypothesis'
  if (!isRecord(hypothesis))
    return [error(path, 'the steady-state hypothesis must be a mapping with a title and probes')]
  const issues: ValidationIssue[] = []
  if (typeof hypothesis.title !== 'string' || hypothesis.title === '')
    issues.push(error(`${path}.title`, 'hypothesis requires a title'))
  const probes = hypothesis.probes
  if (probes !== undefined && !Array.isArray(probes))
    issues.push(error(`${path}.probes`, 'hypothesis probes must be a list'))
  if (Array.isArray(probes)) {
    for (const [index, probe] of probes.entries()) {
      issues.push(...(await validateHypothesisProbe(probe, `${path}.probes[${index}]`, context)))
    }
  }
  if (hypothesis.controls !== undefined) {
    // The reference does not validate hypothesis-level controls either; they are skipped.
    issues.push({
      path: `${path}.controls`,
      message: 'hypothesis controls are Python hooks, which steadystate skips',
      severity: 'warning',
    })
  }
  return issues
}

/** Refs must name a method activity or hypothesis probe (the reference checks method refs only). */
function validateRefs(experiment: Record<string, unknown>): ValidationIssue[] {
  const names = new Set<string>()
  const hypothesis = experiment['steady-state-hypothesis']
  const probes: unknown[] = isRecord(hypothesis) && Array.isArray(hypothesis.probes) ? hypothesis.probes : []
  const method: unknown[] = Array.isArray(experiment.method) ? experiment.method : []
  for (const activity of [...method, ...probes]) {
    if (isRecord(activity) && typeof activity.name === 'string' && !isRefEntry(activity))
      names.add(activity.name)
  }
  const issues: ValidationIssue[] = []
  const check = (list: unknown[], prefix: string): void => {
    list.forEach((activity, index) => {
      if (
        isRefEntry(activity) &&
        typeof activity.ref === 'string' &&
        activity.ref !== '' &&
        !names.has(activity.ref)
      ) {
        issues.push(
          error(
            `${prefix}[${index}].ref`,
            `referenced activity '${activity.ref}' could not be found in the experiment`,
          ),
        )
      }
    })
  }
  check(method, 'method')
  check(probes, 'steady-state-hypothesis.probes')
  check(Array.isArray(experiment.rollbacks) ? experiment.rollbacks : [], 'rollbacks')
  return issues
}
