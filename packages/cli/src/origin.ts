import { hostname } from 'node:os'

type Env = Readonly<Record<string, string | undefined>>

const set = (value: string | undefined): value is string => value !== undefined && value.trim() !== ''

/** The CI job or pod a run is part of, from the variables each system sets, if any. */
function where(env: Env): string | undefined {
  if (set(env.STEADYSTATE_ORIGIN)) return env.STEADYSTATE_ORIGIN.trim()
  if (env.GITHUB_ACTIONS === 'true' && set(env.GITHUB_RUN_ID)) {
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com'
    const run = set(env.GITHUB_REPOSITORY)
      ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : `run ${env.GITHUB_RUN_ID}`
    const attempt = set(env.GITHUB_RUN_ATTEMPT) ? ` attempt ${env.GITHUB_RUN_ATTEMPT}` : ''
    const job = set(env.GITHUB_JOB) ? `, job ${env.GITHUB_JOB}` : ''
    return `GitHub Actions ${run}${attempt}${job}`
  }
  if (env.GITLAB_CI === 'true') {
    if (set(env.CI_JOB_URL)) return `GitLab job ${env.CI_JOB_URL}`
    if (set(env.CI_JOB_ID))
      return `GitLab job ${env.CI_JOB_ID}${set(env.CI_PROJECT_PATH) ? ` of ${env.CI_PROJECT_PATH}` : ''}`
  }
  if (set(env.POD_NAME) && set(env.POD_NAMESPACE))
    return `pod ${env.POD_NAMESPACE}/${env.POD_NAME}${set(env.JOB_NAME) ? ` (Job ${env.JOB_NAME})` : ''}`
  return undefined
}

/**
 * Who and where a run runs, for the others that meet its lock or its record in the cluster:
 * `GitHub Actions https://github.com/o/r/actions/runs/7 attempt 1, job chaos, host runner-3`. A host
 * that knows better (the Octopus step: its task) says so in STEADYSTATE_ORIGIN. No secrets: only
 * identifiers the CI system shows to anyone who can see the job.
 */
export function describeOrigin(env: Env, host: string = hostname()): string {
  const job = where(env)
  return job === undefined ? `host ${host}` : `${job}, host ${host}`
}
