import { SteadystateError, type Environment, type SafeguardProvider } from '@steadystate/core'
import {
  DEFAULT_EXPIRY_SECONDS,
  DEFAULT_KILL_SWITCH_INTERVAL_SECONDS,
  DEFAULT_LEASE_SECONDS,
  KILL_SWITCH_INTERVAL_ENV,
  kubernetesSafeguards,
  lockNameProblem,
  newRunId,
} from '@steadystate/kubernetes'
import { positiveNumber, stringValue, type OptionSpec, type ParsedArgs } from './args.ts'
import { describeOrigin } from './origin.ts'

/** How a run keeps its record of pending rollbacks and its lock in the cluster (Kubernetes runs). */
export interface ClusterOptions {
  /** `--lock NAME`; by default a lock named after the experiment. */
  lock?: string | undefined
  /** `--lock-timeout SECS`: how long to wait for another run's lock. @default 0 (refuse at once) */
  lockTimeoutSeconds?: number | undefined
  /** `--lock-lease SECS`. @default 30 */
  lockLeaseSeconds?: number | undefined
  /** `--record-expiry SECS`. @default 6 h */
  recordExpirySeconds?: number | undefined
  /** `--no-cluster-record`: neither record nor lock. */
  noClusterRecord?: boolean | undefined
  /**
   * `--kill-switch-interval SECS`: how often a running run reads its kill switches again.
   * @default STEADYSTATE_KILL_SWITCH_INTERVAL, else 5
   */
  killSwitchIntervalSeconds?: number | undefined
}

export const CLUSTER_OPTIONS: OptionSpec = {
  lock: { type: 'string' },
  'lock-timeout': { type: 'string' },
  'lock-lease': { type: 'string' },
  'record-expiry': { type: 'string' },
  'no-cluster-record': { type: 'boolean' },
  'kill-switch-interval': { type: 'string' },
}

export const CLUSTER_HELP = `Kubernetes runs (experiments with chaosk8s actions; see README "The cluster record and the lock"):
  --lock NAME                   the Lease that lets one run at a time work on the target namespaces
                                (default: steadystate-lock-<experiment title>-<hash>)
  --lock-timeout SECS           wait this long for another run's lock (default: 0, refuse at once)
  --lock-lease SECS             a lock not renewed for this long is taken for dead (default: ${DEFAULT_LEASE_SECONDS})
  --record-expiry SECS          after this, steadystate recover takes the run for abandoned even if it
                                still renews its lock (default: ${DEFAULT_EXPIRY_SECONDS})
  --no-cluster-record           keep no record of pending rollbacks and take no lock in the cluster
  --kill-switch-interval SECS   while the run goes on, read its kill switches again every SECS
                                (default: ${KILL_SWITCH_INTERVAL_ENV}, else ${DEFAULT_KILL_SWITCH_INTERVAL_SECONDS})
`

/** The cluster flags, read; a value that is not a number is a usage error naming its flag. */
export function readClusterOptions(values: ParsedArgs['values']): ClusterOptions {
  const lock = stringValue(values, 'lock')
  const timeout = stringValue(values, 'lock-timeout')
  return {
    lock,
    lockTimeoutSeconds: timeout === undefined ? undefined : secondsOrZero('lock-timeout', timeout),
    lockLeaseSeconds: positiveNumber('lock-lease', stringValue(values, 'lock-lease')),
    recordExpirySeconds: positiveNumber('record-expiry', stringValue(values, 'record-expiry')),
    noClusterRecord: values['no-cluster-record'] === true,
    killSwitchIntervalSeconds: positiveNumber(
      'kill-switch-interval',
      stringValue(values, 'kill-switch-interval'),
    ),
  }
}

/** What is wrong with the options any host gives (the CLI's flags, an adapter's inputs), if anything. */
export function clusterOptionsProblem(options: ClusterOptions | undefined): string | undefined {
  const lock = options?.lock
  const problem = lock === undefined ? undefined : lockNameProblem(lock)
  if (problem !== undefined) return `--lock ${problem}`
  const timeout = options?.lockTimeoutSeconds
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout >= 0))
    return `--lock-timeout ${timeout} must be a number of seconds, 0 or more`
  const interval = options?.killSwitchIntervalSeconds
  if (interval !== undefined && !(Number.isFinite(interval) && interval > 0))
    return `--kill-switch-interval ${interval} must be a positive number of seconds`
  return undefined
}

function secondsOrZero(flag: string, value: string): number {
  const parsed = Number(value)
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0)
    throw new SteadystateError(
      'USAGE',
      `--${flag} ${JSON.stringify(value)} must be a number of seconds, 0 or more`,
    )
  return parsed
}

/** The safeguards of a run: its own id, its origin, the flags. */
export function runSafeguards(options: ClusterOptions | undefined, env: Environment): SafeguardProvider {
  return kubernetesSafeguards({
    runId: newRunId(),
    origin: describeOrigin(env),
    lock: options?.lock,
    lockTimeoutSeconds: options?.lockTimeoutSeconds ?? 0,
    leaseSeconds: options?.lockLeaseSeconds ?? DEFAULT_LEASE_SECONDS,
    expirySeconds: options?.recordExpirySeconds ?? DEFAULT_EXPIRY_SECONDS,
    disabled: options?.noClusterRecord === true,
    killSwitchIntervalSeconds: options?.killSwitchIntervalSeconds,
  })
}

/** The safeguards of a recovery: it takes over the locks and records its journal names. */
export function recoverySafeguards(by: string, env: Environment): SafeguardProvider {
  return kubernetesSafeguards({
    runId: newRunId(),
    origin: `${by} (${describeOrigin(env)})`,
    lock: undefined,
    lockTimeoutSeconds: 0,
    leaseSeconds: DEFAULT_LEASE_SECONDS,
    expirySeconds: DEFAULT_EXPIRY_SECONDS,
    disabled: false,
    // A recovery never reads the kill switch: undoing a fault is never blocked.
    killSwitchIntervalSeconds: undefined,
  })
}
