import type { ReportJournal, RunRecord } from '../journal/types.ts'
import { runOutcome } from '../journal/outcome.ts'

export interface DuringProbe {
  name: string
  checks: number
  met: number
  notMet: number
  failed: number
  /** Seconds since the start of the first check that did not pass. */
  firstProblemAt: number | undefined
  slowestSeconds: number | undefined
}

export interface DuringSummary {
  iterations: number
  probes: DuringProbe[]
  /** Every check that failed or did not meet its tolerance, in order. */
  problems: RunRecord[]
}

/**
 * The hypothesis checks made while the method ran (`during`), summed up per probe: a continuous
 * hypothesis can record thousands, and a reader wants to know how many passed and when one did not.
 */
export function summariseDuring(journal: ReportJournal): DuringSummary {
  const checks = journal.hypothesis?.during ?? []
  const probes = new Map<string, DuringProbe>()
  const problems: RunRecord[] = []
  for (const run of checks.flatMap((check) => check.probes)) {
    let probe = probes.get(run.name)
    if (probe === undefined) {
      probe = {
        name: run.name,
        checks: 0,
        met: 0,
        notMet: 0,
        failed: 0,
        firstProblemAt: undefined,
        slowestSeconds: undefined,
      }
      probes.set(run.name, probe)
    }
    probe.checks++
    const outcome = runOutcome(run, journal.dry)
    if (outcome === 'failed') probe.failed++
    else if (outcome === 'not-met') probe.notMet++
    else probe.met++
    if (outcome === 'failed' || outcome === 'not-met') {
      problems.push(run)
      probe.firstProblemAt ??= run.startOffset
    }
    if (run.durationSeconds !== undefined)
      probe.slowestSeconds = Math.max(probe.slowestSeconds ?? 0, run.durationSeconds)
  }
  return { iterations: checks.length, probes: [...probes.values()], problems }
}
