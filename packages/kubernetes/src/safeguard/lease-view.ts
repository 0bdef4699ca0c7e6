import { ANNOTATION } from './names.ts'

/** The parts of a coordination.k8s.io/v1 Lease a lock reads and writes. */
export interface LeaseObject {
  apiVersion?: string
  kind?: string
  metadata: {
    name: string
    namespace?: string
    resourceVersion?: string
    annotations?: Record<string, string>
    labels?: Record<string, string>
  }
  spec?: {
    holderIdentity?: string | null
    leaseDurationSeconds?: number | null
    acquireTime?: string | null
    renewTime?: string | null
    leaseTransitions?: number | null
  }
}

/** Who holds a lock, as a person needs to hear it. */
export type LeaseView =
  | { kind: 'free' }
  | {
      kind: 'held'
      holder: string
      /** The holder's own words: host, CI job (steadystate writes them; another tool may not). */
      origin: string | undefined
      /** When the holder took it. */
      since: string | undefined
      renewedAgoSeconds: number
      durationSeconds: number
      /** Its holder stopped renewing it more than its duration ago: taken for dead. */
      expired: boolean
    }

/** Reads a Lease against the local clock (clocks are assumed to agree within a few seconds). */
export function viewLease(lease: LeaseObject | undefined, nowMs: number): LeaseView {
  const spec = lease?.spec
  const holder = spec?.holderIdentity ?? ''
  if (lease === undefined || holder === '') return { kind: 'free' }
  const durationSeconds = spec?.leaseDurationSeconds ?? 0
  const renewed = Date.parse(spec?.renewTime ?? spec?.acquireTime ?? '')
  const renewedAgoSeconds = Number.isFinite(renewed) ? Math.max(0, (nowMs - renewed) / 1000) : Infinity
  return {
    kind: 'held',
    holder,
    origin: lease.metadata.annotations?.[ANNOTATION.origin],
    since: spec?.acquireTime ?? undefined,
    renewedAgoSeconds,
    durationSeconds,
    expired: renewedAgoSeconds > durationSeconds,
  }
}

const RUN_ID = /^\d{8}-\d{6}-[0-9a-f]{6}$/

/** `run X (GitHub Actions …, host h) since T, renewed 3 s ago` */
export function describeHolder(view: Extract<LeaseView, { kind: 'held' }>): string {
  const name = RUN_ID.test(view.holder) ? `run ${view.holder}` : view.holder
  const who = `${name}${view.origin === undefined ? '' : ` (${view.origin})`}`
  const since = view.since === undefined ? '' : ` since ${view.since}`
  const renewed = Number.isFinite(view.renewedAgoSeconds)
    ? `, renewed ${Math.round(view.renewedAgoSeconds)} s ago (lease ${view.durationSeconds} s)`
    : ''
  return `${who}${since}${renewed}`
}
