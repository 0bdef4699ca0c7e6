import { isProbeTolerance, validateTolerance } from '../tolerance/index.ts'
import type { ValidationIssue } from '../errors.ts'
import type { ProviderRegistry } from '../providers/registry.ts'
import type { Environment } from '../config/configuration.ts'
import { describeDuration } from '../timers.ts'

export interface ActivityValidationContext {
  registry: ProviderRegistry
  env: Environment
  cwd: string
  /** See ValidationContext.once. */
  once?: (key: string) => boolean
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** A value as it appears in a message: strings as they are, anything else as JSON. */
export function describeValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

const error = (path: string, message: string): ValidationIssue => ({ path, message, severity: 'error' })

/** A duration the reference would accept as a number and that can actually be waited for. */
function isSeconds(value: number): boolean {
  return Number.isFinite(value) && value >= 0
}

/** True for `{"ref": "name"}` entries, which reuse an activity declared elsewhere. */
export function isRefEntry(value: unknown): value is { ref: unknown } & Record<string, unknown> {
  return isRecord(value) && Object.hasOwn(value, 'ref')
}

/** The activity rules of `chaos validate` (docs/chaos-toolkit.md §6), reporting every problem with its path. */
export async function validateActivity(
  activity: unknown,
  path: string,
  context: ActivityValidationContext,
): Promise<ValidationIssue[]> {
  if (!isRecord(activity) || Object.keys(activity).length === 0)
    return [error(path, 'empty activity is no activity')]
  if (isRefEntry(activity)) {
    return typeof activity.ref === 'string' && activity.ref !== ''
      ? []
      : [error(`${path}.ref`, 'reference to activity must be non-empty strings')]
  }
  const issues: ValidationIssue[] = []
  const type = activity.type
  if (type === undefined) issues.push(error(`${path}.type`, 'an activity must have a type'))
  else if (type !== 'probe' && type !== 'action') {
    issues.push(error(`${path}.type`, `'${describeValue(type)}' is not a supported activity type`))
  }
  const name = activity.name
  if (typeof name !== 'string' || name === '')
    issues.push(error(`${path}.name`, 'an activity must have a name'))
  issues.push(...validateTiming(activity, path))
  const provider = activity.provider
  if (!isRecord(provider)) {
    issues.push(error(`${path}.provider`, 'an activity requires a provider'))
    return issues
  }
  const providerType = provider.type
  if (providerType === undefined) {
    issues.push(error(`${path}.provider.type`, 'a provider must have a type'))
    return issues
  }
  const implementation = typeof providerType === 'string' ? context.registry.get(providerType) : undefined
  if (implementation === undefined) {
    issues.push(error(`${path}.provider.type`, `unknown provider type '${describeValue(providerType)}'`))
    return issues
  }
  issues.push(
    ...(await implementation.validate(provider, `${path}.provider`, {
      env: context.env,
      cwd: context.cwd,
      activityName: typeof name === 'string' ? name : '',
      activityType: type === 'action' ? 'action' : 'probe',
      ...(context.once === undefined ? {} : { once: context.once }),
    })),
  )
  return issues
}

function validateTiming(activity: Record<string, unknown>, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const timeout = activity.timeout
  if (timeout !== undefined && typeof timeout !== 'number') {
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
  if (pauses !== undefined) {
    if (!isRecord(pauses))
      issues.push(error(`${path}.pauses`, 'activity pauses must be a mapping with "before" and/or "after"'))
    else {
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
  }
  if (activity.background !== undefined && typeof activity.background !== 'boolean') {
    issues.push(error(`${path}.background`, 'activity background must be a boolean'))
  }
  return issues
}

/** A hypothesis probe: activity rules, plus a tolerance that the reference accepts. */
export async function validateHypothesisProbe(
  probe: unknown,
  path: string,
  context: ActivityValidationContext,
): Promise<ValidationIssue[]> {
  const issues = await validateActivity(probe, path, context)
  if (!isRecord(probe) || Object.keys(probe).length === 0) return issues
  if (!Object.hasOwn(probe, 'tolerance')) {
    issues.push(error(`${path}.tolerance`, 'hypothesis probe must have a tolerance entry'))
    return issues
  }
  const tolerance = probe.tolerance
  issues.push(...validateTolerance(tolerance, `${path}.tolerance`))
  if (isProbeTolerance(tolerance)) {
    const nested = await validateActivity(tolerance, `${path}.tolerance`, context)
    issues.push(...nested)
    const provider = isRecord(tolerance) ? tolerance.provider : undefined
    if (isRecord(provider) && !isRecord(provider.arguments)) {
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
