import type { ReportJournal, RunRecord } from '../journal/types.ts'

/** Every activity run of a journal in phase order: before, during, method, after, rollbacks. */
export function allRuns(journal: ReportJournal): RunRecord[] {
  const hypothesis = journal.hypothesis
  return [
    ...(hypothesis?.before?.probes ?? []),
    ...(hypothesis?.during.flatMap((check) => check.probes) ?? []),
    ...journal.method,
    ...(hypothesis?.after?.probes ?? []),
    ...journal.rollbacks,
  ]
}

export function countRuns(journal: ReportJournal): number {
  return allRuns(journal).length
}
