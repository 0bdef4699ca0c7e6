import { describeHolder, type LeaseView } from './lease-view.ts'
import type { RecordFacts } from './record.ts'

/**
 * Whether a record's run is alive. Its lock is its heartbeat: renewed every third of its lease while
 * the run (or a recovery of it) works. `abandoned` records are what `steadystate recover` plays.
 */
export type Liveness =
  /** Its run holds its lock and renews it. */
  | { kind: 'live'; why: string }
  /** Someone else holds its lock (a recovery of it, or another run): left alone for now. */
  | { kind: 'busy'; why: string }
  | { kind: 'abandoned'; why: string }

export function liveness(
  facts: Partial<RecordFacts> & { abandonedAt?: string },
  lease: LeaseView,
  nowMs: number,
): Liveness {
  if (facts.abandonedAt !== undefined)
    return {
      kind: 'abandoned',
      why: `a recovery at ${facts.abandonedAt} played its rollbacks and some failed; nobody is playing them now`,
    }
  const expires = Date.parse(facts.expiresAt ?? '')
  if (Number.isFinite(expires) && expires <= nowMs)
    return {
      kind: 'abandoned',
      why: `it expired at ${facts.expiresAt ?? '?'}: taken for abandoned even if its run still renews its lock`,
    }
  if (lease.kind === 'free')
    return { kind: 'abandoned', why: 'its lock is free: no run or recovery holds it' }
  if (lease.expired)
    return {
      kind: 'abandoned',
      why: `its lock was last renewed ${Math.round(lease.renewedAgoSeconds)} s ago, longer than its lease of ${lease.durationSeconds} s: its holder is gone`,
    }
  if (lease.holder === facts.runId)
    return { kind: 'live', why: `its run holds its lock: ${describeHolder(lease)}` }
  return { kind: 'busy', why: `its lock is held by ${describeHolder(lease)}` }
}
