import type { ReportJournal } from '../journal/types.ts'
import { finite, isRecord, label, list } from '../journal/read.ts'

/** One pod a Kubernetes action terminated, and how long its replacement took. */
export interface VictimRecovery {
  activity: string
  pod: string
  replacement: string | undefined
  scheduledSeconds: number | undefined
  readySeconds: number | undefined
  recovered: boolean
}

/**
 * Recovery times from `recovery` measurements (`data.victims[]`: pod, replacement, scheduledSeconds,
 * readySeconds). Anything else, or a malformed entry, is ignored: no data means no chart.
 */
export function recoveryVictims(journal: ReportJournal): VictimRecovery[] {
  return journal.measurements
    .filter((measurement) => measurement.kind === 'recovery' && isRecord(measurement.data))
    .flatMap((measurement) =>
      list(isRecord(measurement.data) ? measurement.data.victims : undefined)
        .filter(isRecord)
        .map((victim) => {
          const ready = finite(victim.readySeconds)
          return {
            activity: measurement.activity,
            pod: label(victim.pod) ?? '(unnamed pod)',
            replacement: label(victim.replacement),
            scheduledSeconds: finite(victim.scheduledSeconds),
            readySeconds: ready,
            recovered: typeof victim.recovered === 'boolean' ? victim.recovered : ready !== undefined,
          }
        }),
    )
}

/** The slowest recovery of a run (seconds until the last replacement was Ready), if measured. */
export function slowestRecovery(journal: ReportJournal): number | undefined {
  const ready = recoveryVictims(journal).flatMap((victim) => victim.readySeconds ?? [])
  return ready.length === 0 ? undefined : Math.max(...ready)
}
