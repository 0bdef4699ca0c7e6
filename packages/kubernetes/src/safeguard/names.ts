import { createHash, randomBytes } from 'node:crypto'

/**
 * Names, labels and annotations of what a run keeps in the cluster: a Lease per lock (named after
 * the experiment, or `--lock NAME`) and a ConfigMap per run and namespace (named after the run).
 */
export const PREFIX = 'steadystate.dev'

export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'steadystate' } as const
/** Every record carries it, so one selector lists them all. */
export const RECORD_KIND = { [`${PREFIX}/record`]: 'pending-rollbacks' } as const
export const RECORD_SELECTOR = [...Object.entries(MANAGED_BY), ...Object.entries(RECORD_KIND)]
  .map(([key, value]) => `${key}=${value}`)
  .join(',')

export const LABEL = {
  /** On records: the Lease that is their run's lock (and heartbeat). */
  lock: `${PREFIX}/lock`,
  runId: `${PREFIX}/run-id`,
} as const

export const ANNOTATION = {
  origin: `${PREFIX}/origin`,
  title: `${PREFIX}/experiment`,
  startedAt: `${PREFIX}/started-at`,
  /** After this, `recover` treats the run as abandoned even if it still renews its lock. */
  expiresAt: `${PREFIX}/expires-at`,
  /** The rollbacks still to play, by name (for `kubectl describe`). */
  pending: `${PREFIX}/pending-rollbacks`,
  /** Set when a recovery played the rollbacks and some failed: nobody is playing them now. */
  abandonedAt: `${PREFIX}/abandoned-at`,
} as const

/** The record's data key: the run's journal as a checkpoint, without activity outputs. */
export const RECORD_JOURNAL_KEY = 'journal.json'

const MAX_NAME = 63
const DNS_LABELS = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/

/** Why `name` cannot be a lock name (`--lock`), or undefined when it can. */
export function lockNameProblem(name: string): string | undefined {
  if (name.length > MAX_NAME) return `${JSON.stringify(name)} is longer than ${MAX_NAME} characters`
  if (!DNS_LABELS.test(name))
    return `${JSON.stringify(name)} is not a Kubernetes name: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit`
  return undefined
}

/**
 * The default lock of an experiment: `steadystate-lock-<its title, as a name>-<hash of the title>`,
 * so every scheduler running the same experiment (GitHub, GitLab, Octopus, the CronJob) meets the
 * same Lease, whatever path the file has there. At most 63 characters: it is also a label value.
 */
export function lockNameFor(title: string): string {
  const hash = createHash('sha256').update(title).digest('hex').slice(0, 8)
  const prefix = 'steadystate-lock-'
  const room = MAX_NAME - prefix.length - hash.length - 1
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, room)
    .replace(/^-+|-+$/g, '')
  return slug === '' ? `${prefix}${hash}` : `${prefix}${slug}-${hash}`
}

/** A new run id: when it started (UTC) and a random part, e.g. `20250102-130405-a1b2c3`. */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  return `${stamp}-${randomBytes(3).toString('hex')}`
}

/** The ConfigMap holding a run's record. */
export function recordName(runId: string): string {
  return `steadystate-run-${runId}`
}

/** Kubernetes' MicroTime (RFC 3339 with exactly six fractional digits), from milliseconds. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')
}
