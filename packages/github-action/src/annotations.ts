import type { ValidationIssue } from '@steadystate/core'
import type { ActivityRun, Journal } from '@steadystate/model'

export type AnnotationLevel = 'error' | 'warning' | 'notice'

/** One `::error` / `::warning` / `::notice` for the run's page. */
export interface Annotation {
  level: AnnotationLevel
  title: string
  message: string
}

/** GitHub shows at most 10 annotations of each level per step; more are dropped silently. */
export const ANNOTATIONS_PER_LEVEL = 10

/**
 * The annotations a run deserves, most important first: invalid experiment, unmet probes, failed
 * activities and rollbacks, and the verdict when the job does not fail on it. They are errors when
 * the job fails and warnings when it passes anyway (`fail-on-deviation: false`); a failing job's own
 * verdict is `setFailed`'s error, so one error is kept free for it.
 */
export function runAnnotations(
  journal: Journal,
  issues: readonly ValidationIssue[],
  failing: boolean,
): Annotation[] {
  const level: AnnotationLevel = failing ? 'error' : 'warning'
  const annotations: Annotation[] = issues
    .filter((issue) => issue.severity === 'error')
    .map((issue) => ({
      level: 'error',
      title: 'Invalid experiment',
      message: issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`,
    }))
  for (const [phase, state] of [
    ['before the method', journal.steady_states.before],
    ['after the method', journal.steady_states.after],
  ] as const) {
    for (const probe of state?.probes ?? []) {
      if (probe.tolerance_met === false)
        annotations.push({
          level,
          title: `Steady state not met ${phase}`,
          message: `probe '${probe.activity.name}' did not meet its tolerance${outcome(probe)}`,
        })
    }
  }
  for (const [title, runs] of [
    ['Method activity failed', journal.run],
    ['Rollback failed', journal.rollbacks],
  ] as const) {
    for (const run of runs) {
      if (run.status === 'failed') annotations.push({ level, title, message: failure(run) })
    }
  }
  const verdict = journal.steadystate?.verdict
  if (verdict !== undefined && !failing) {
    annotations.push(
      verdict.kind === 'held'
        ? { level: 'notice', title: 'Steady state held', message: verdict.summary }
        : { level: 'warning', title: `Chaos experiment ${verdict.kind}`, message: verdict.summary },
    )
  }
  return limitPerLevel(annotations, failing)
}

function failure(run: ActivityRun): string {
  const last = run.exception?.at(-1)?.trim()
  return `'${run.activity.name}' failed${last === undefined || last === '' ? '' : `: ${last}`}`
}

function outcome(probe: ActivityRun): string {
  const last = probe.exception?.at(-1)?.trim()
  if (last !== undefined && last !== '') return `: ${last}`
  const output = JSON.stringify(probe.output)
  return output === undefined ? '' : ` (value ${output.length > 200 ? `${output.slice(0, 200)}…` : output})`
}

/** Keeps each level under GitHub's limit; the last slot then says how many were left out. */
function limitPerLevel(annotations: Annotation[], failing: boolean): Annotation[] {
  const kept: Annotation[] = []
  for (const level of ['error', 'warning', 'notice'] as const) {
    const all = annotations.filter((annotation) => annotation.level === level)
    const room = ANNOTATIONS_PER_LEVEL - (level === 'error' && failing ? 1 : 0)
    if (all.length <= room) {
      kept.push(...all)
      continue
    }
    kept.push(...all.slice(0, room - 1), {
      level,
      title: 'More in the job summary',
      message: `${all.length - room + 1} more ${level}s: see the job summary and the journal`,
    })
  }
  return kept
}
