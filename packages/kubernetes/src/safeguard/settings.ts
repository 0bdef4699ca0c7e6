/** How a host (the CLI) wants a run's cluster record and lock kept. */
export interface ClusterSafeguardSettings {
  /** This run's id: its Lease holder identity, and the name of its records (see `newRunId`). */
  runId: string
  /** Who and where runs it (host, CI job), for the others to read. */
  origin: string
  /** `--lock NAME`: the Lease to take; by default one named after the experiment's title. */
  lock: string | undefined
  /** `--lock-timeout`: how long to wait for a lock another run holds. 0: refuse at once. */
  lockTimeoutSeconds: number
  /** How long a lock stays held without being renewed (renewed every third of it). */
  leaseSeconds: number
  /** After this (from the run's start), `recover` takes the run for abandoned whatever its lock says. */
  expirySeconds: number
  /** `--no-cluster-record`: keep no record and take no lock (said in the log). */
  disabled: boolean
  /**
   * `--kill-switch-interval`: seconds between two reads of a running run's kill switches; undefined
   * leaves it to STEADYSTATE_KILL_SWITCH_INTERVAL, else the default.
   */
  killSwitchIntervalSeconds: number | undefined
}

export const DEFAULT_LEASE_SECONDS = 30
export const DEFAULT_EXPIRY_SECONDS = 6 * 3600

/** Seconds between two reads of a running run's kill switches, when no flag says it. */
export const KILL_SWITCH_INTERVAL_ENV = 'STEADYSTATE_KILL_SWITCH_INTERVAL'
export const DEFAULT_KILL_SWITCH_INTERVAL_SECONDS = 5
