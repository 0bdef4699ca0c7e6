import { isJsonObject, isMalformed, type Activity, type ActivityEntry } from '@steadystate/model'
import type { Environment } from '../config/configuration.ts'
import type { ValidationIssue } from '../errors.ts'
import { normalizeEntry } from '../experiment/normalize.ts'
import type { ProviderRegistry } from '../providers/registry.ts'
import { describeDuration } from '../timers.ts'
import { valueText } from '../text/value-text.ts'
import { isProbeTolerance, validateTolerance } from '../tolerance/index.ts'

export interface ActivityValidationContext {
  registry: ProviderRegistry
  env: Environment
  cwd: string
  /** See ValidationContext.once. */
  once?: (key: string) => boolean
}

const error = (path: string, message: string): ValidationIssue => ({ path, message, severity: 'error' })

/** A duration the reference would accept as a number and that can actually be waited for. */
function isSeconds(value: number): boolean {
  return Number.isFinite(value) && value >= 0
}

/** An entry that holds nothing to run: not a mapping, or an empty one. */
function isEmpty(entry: ActivityEntry): boolean {
  return entry.kind === 'not-an-activity' || Object.keys(entry.source).length === 0
}

/** The activity rules of `chaos validate` (docs/chaos-toolkit.md §6), reporting every problem with its path. */
export async function validateActivity(
  entry: ActivityEntry,
  path: string,
  context: ActivityValidationContext,
): Promise<ValidationIssue[]> {
  if (isEmpty(entry)) return [error(path, 'empty activity is no activity')]
  switch (entry.kind) {
    case 'not-an-activity':
      return [error(path, 'empty activity is no activity')]
    case 'ref':
      return typeof entry.ref === 'string' && entry.ref !== ''
        ? []
        : [error(`${path}.ref`, 'reference to activity must be non-empty strings')]
    case 'activity':
      return validateDeclaredActivity(entry, path, context)
  }
}

async function validateDeclaredActivity(
  activity: Activity,
  path: string,
  context: ActivityValidationContext,
): Promise<ValidationIssue[]> {
  const issues: ValidationIssue[] = []
  const { type, name, provider } = activity
  if (isMalformed(type)) {
    issues.push(
      type.value === undefined
        ? error(`${path}.type`, 'an activity must have a type')
        : error(`${path}.type`, `'${valueText(type.value)}' is not a supported activity type`),
    )
  }
  if (isMalformed(name) || name === '') issues.push(error(`${path}.name`, 'an activity must have a name'))
  issues.push(...validateTiming(activity, path))
  if (isMalformed(provider)) {
    issues.push(error(`${path}.provider`, 'an activity requires a provider'))
    return issues
  }
  if (isMalformed(provider.type) && provider.type.value === undefined) {
    issues.push(error(`${path}.provider.type`, 'a provider must have a type'))
    return issues
  }
  const bound = context.registry.bind(provider)
  if (bound === undefined) {
    const shown = isMalformed(provider.type) ? valueText(provider.type.value) : provider.type
    issues.push(error(`${path}.provider.type`, `unknown provider type '${shown}'`))
    return issues
  }
  issues.push(
    ...(await bound.validate(`${path}.provider`, {
      env: context.env,
      cwd: context.cwd,
      activityName: typeof name === 'string' ? name : '',
      activityType: type === 'action' ? 'action' : 'probe',
      ...(context.once === undefined ? {} : { once: context.once }),
    })),
  )
  return issues
}

function validateTiming(activity: Activity, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const timeout = activity.timeout
  if (isMalformed(timeout)) {
    issues.push(error(`${path}.timeout`, 'activity timeout must be a number'))
  } else if (timeout !== undefined && !isSeconds(timeout)) {
    issues.push(
      error(
        `${path}.timeout`,
        `activity timeout must be a finite number of seconds, 0 or more (got ${describeDuration(timeout)})`,
      ),
    )
  }
  const pauses = activity.pauses
  if (isMalformed(pauses))
    issues.push(error(`${path}.pauses`, 'activity pauses must be a mapping with "before" and/or "after"'))
  else if (pauses !== undefined) {
    for (const when of ['before', 'after'] as const) {
      const pause = pauses[when]
      if (typeof pause === 'number' && !isSeconds(pause)) {
        issues.push(
          error(
            `${path}.pauses.${when}`,
            `activity ${when} pause must be a finite number of seconds, 0 or more (got ${describeDuration(pause)})`,
          ),
        )
        continue
      }
      if (pause === undefined || typeof pause === 'number') continue
      if (typeof pause === 'string' && pause.startsWith('${') && pause.endsWith('}')) continue
      issues.push(
        error(
          `${path}.pauses.${when}`,
          `activity ${when} pause must be a number or a pattern to a variable from the configuration or secrets`,
        ),
      )
    }
  }
  if (isMalformed(activity.background)) {
    issues.push(error(`${path}.background`, 'activity background must be a boolean'))
  }
  return issues
}

/** A hypothesis probe: activity rules, plus a tolerance that the reference accepts. */
export async function validateHypothesisProbe(
  entry: ActivityEntry,
  path: string,
  context: ActivityValidationContext,
): Promise<ValidationIssue[]> {
  const issues = await validateActivity(entry, path, context)
  if (isEmpty(entry) || entry.kind === 'not-an-activity') return issues
  if (entry.tolerance === undefined) {
    issues.push(error(`${path}.tolerance`, 'hypothesis probe must have a tolerance entry'))
    return issues
  }
  const tolerance = entry.tolerance.value
  issues.push(...validateTolerance(tolerance, `${path}.tolerance`))
  if (isJsonObject(tolerance) && isProbeTolerance(tolerance)) {
    const nested = await validateActivity(normalizeEntry(tolerance), `${path}.tolerance`, context)
    issues.push(...nested)
    const provider = tolerance.provider
    if (isJsonObject(provider) && !isJsonObject(provider.arguments)) {
      issues.push(
        error(
          `${path}.tolerance.provider.arguments`,
          'a probe tolerance needs an "arguments" mapping: the probe value is passed to it as the argument "value"',
        ),
      )
    }
  }
  return issues
}
