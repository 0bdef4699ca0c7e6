import { formatTimestamp, parseTimestamp } from '../journal/timestamp.ts'
import type { StopRecord } from '../journal/types.ts'
import { formatSeconds } from './format.ts'

/** What stopped a run, when, and how fast it halted: one line for the first page of every format. */
export function describeStop(stop: StopRecord): string {
  const what =
    stop.source === 'kill-switch'
      ? 'the kill switch'
      : stop.source === 'python-control'
        ? `control '${stop.control}' (its ${stop.probe} raised InterruptExecution)`
        : `safeguard '${stop.probe}' (control '${stop.control}')`
  const halted =
    stop.timeToHalt === undefined ? '' : `; halted, rollbacks done, ${formatSeconds(stop.timeToHalt)} later`
  return `${what} at ${formatTimestamp(parseTimestamp(stop.trippedAt))}: ${stop.reason}${halted}`
}
