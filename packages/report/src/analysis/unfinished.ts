import { describeProgress } from '@steadystate/model'
import type { ReportJournal } from '../journal/types.ts'

/**
 * For a run that did not finish (a journal written while it was in progress, or one whose rollbacks
 * were left incomplete): what was in progress, and whether its rollbacks may not have run. Every
 * renderer puts these first, so no reader takes such a journal for an outcome. Empty otherwise.
 */
export function unfinishedNotice(journal: ReportJournal): string[] {
  const progress = journal.progress
  if (journal.verdict.kind !== 'unfinished' && progress === undefined) return []
  if (progress === undefined)
    return [
      'The run did not finish: this journal was written while it was in progress.',
      'Its rollbacks may not have run: check the system.',
    ]
  return [
    `The run did not finish: when this journal was last written it was in ${describeProgress(progress)} (since ${progress.startedAt}).`,
    progress.rollbacksPending
      ? 'Its rollbacks may not have run, so a fault may still be in place: `steadystate rollback` on this journal plays them.'
      : 'No rollbacks were pending: no fault was left to undo.',
  ]
}

/** How a run's pending rollbacks were played afterwards, if they were. */
export function recoveryNote(journal: ReportJournal): string | undefined {
  const recovered = journal.recovered
  return recovered === undefined
    ? undefined
    : `The run did not finish; its pending rollbacks were played afterwards by ${recovered.by} at ${recovered.at}.`
}
