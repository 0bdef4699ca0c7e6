import type { RunRecord } from '../../journal/types.ts'
import { outcomeLabel, runOutcome } from '../../journal/outcome.ts'
import { outcomeColour } from '../../palette.ts'
import {
  describeProvider,
  describeRollbackDecision,
  formatOffset,
  formatSeconds,
  shortError,
} from '../../text/format.ts'
import { drawTable, type Cell } from '../table.ts'
import type { SectionContext } from './context.ts'

function runTable(context: SectionContext, runs: RunRecord[]): void {
  drawTable(
    context.writer,
    [
      { header: '#', width: 0.04 },
      { header: 'Activity', width: 0.22 },
      { header: 'Provider', width: 0.21 },
      { header: 'Result', width: 0.1 },
      { header: 'Started', width: 0.1 },
      { header: 'Took', width: 0.08 },
      { header: 'Error', width: 0.25 },
    ],
    runs.map((run, index): Cell[] => {
      const outcome = runOutcome(run, context.journal.dry)
      return [
        String(index + 1),
        `${run.name} (${run.type})`,
        { text: describeProvider(run.provider), font: 'mono' },
        { text: outcomeLabel(outcome), font: 'bold', color: outcomeColour(outcome) },
        formatOffset(run.startOffset),
        formatSeconds(run.durationSeconds),
        { text: shortError(run) ?? '', color: '#b91c1c' },
      ]
    }),
  )
}

export function drawMethod(context: SectionContext): void {
  const { writer, journal } = context
  writer.heading('Method', 1, context.outline)
  if (journal.method.length === 0) {
    writer.paragraph(
      journal.hypothesis?.before?.met === false
        ? 'The method did not run: the steady state was not met before it.'
        : 'No method activity ran.',
    )
    return
  }
  runTable(context, journal.method)
}

export function drawRollbacks(context: SectionContext): void {
  const { writer, journal } = context
  writer.heading('Rollbacks', 1, context.outline)
  const decision = journal.rollbackDecision
  if (journal.rollbacks.length === 0) {
    writer.paragraph(decision === undefined ? 'No rollback ran.' : `No rollback ran: ${decision.reason}.`)
    return
  }
  if (decision !== undefined) writer.paragraph(describeRollbackDecision(decision), { size: 9.5 }, 6)
  runTable(context, journal.rollbacks)
}
