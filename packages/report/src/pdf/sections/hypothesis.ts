import type { HypothesisCheck, RunRecord } from '../../journal/types.ts'
import { outcomeLabel, runOutcome } from '../../journal/outcome.ts'
import { summariseDuring } from '../../analysis/during.ts'
import { outcomeColour } from '../../palette.ts'
import { describeTolerance, describeValue, formatOffset, formatSeconds } from '../../text/format.ts'
import { drawTable, type Cell, type Column } from '../table.ts'
import type { SectionContext } from './context.ts'

const PROBE_COLUMNS: Column[] = [
  { header: 'Probe', width: 0.27 },
  { header: 'Tolerance', width: 0.26 },
  { header: 'Value', width: 0.21 },
  { header: 'Result', width: 0.13 },
  { header: 'Duration', width: 0.13 },
]

/** Checks after which the `during` problems table stops: the rest are counted, not listed. */
const MAX_DURING_PROBLEMS = 40

/** The steady-state hypothesis before, during and after the method, probe by probe. */
export function drawHypothesis(context: SectionContext): void {
  const { writer, journal } = context
  const hypothesis = journal.hypothesis
  writer.heading('Steady-state hypothesis', 1, context.outline)
  if (hypothesis === undefined) {
    writer.paragraph('The experiment declares no steady-state hypothesis, so only the method ran.')
    return
  }
  writer.paragraph(hypothesis.title, { font: 'bold', size: 10.5 }, 6)
  if (!hypothesis.recorded) {
    writer.note(
      `This journal (chaoslib ${journal.engine.version}) predates recorded hypothesis results; the probes it declared:`,
    )
    drawTable(
      writer,
      [
        { header: 'Probe', width: 0.5 },
        { header: 'Tolerance', width: 0.5 },
      ],
      hypothesis.declared.map((probe) => [probe.name, describeTolerance(probe.tolerance)]),
    )
    return
  }
  drawCheck(context, 'Before the method', hypothesis.before)
  drawDuring(context)
  drawCheck(context, 'After the method', hypothesis.after)
}

function drawCheck(context: SectionContext, label: string, check: HypothesisCheck | undefined): void {
  const { writer } = context
  const state =
    check === undefined
      ? 'not checked'
      : check.met === true
        ? 'met'
        : check.met === false
          ? 'NOT met'
          : 'no result'
  writer.heading(`${label}: ${state}`, 3)
  if (check === undefined) {
    writer.note('The hypothesis was not checked in this phase (hypothesis strategy, or the run ended first).')
    return
  }
  drawTable(
    writer,
    PROBE_COLUMNS,
    check.probes.map((run) => probeRow(context, run)),
  )
}

function probeRow({ journal }: SectionContext, run: RunRecord): Cell[] {
  const outcome = runOutcome(run, journal.dry)
  return [
    run.name,
    { text: describeTolerance(run.tolerance), font: 'mono' },
    { text: describeValue(run), font: 'mono' },
    { text: outcomeLabel(outcome), font: 'bold', color: outcomeColour(outcome) },
    formatSeconds(run.durationSeconds),
  ]
}

function drawDuring(context: SectionContext): void {
  const { writer, journal } = context
  const during = summariseDuring(journal)
  if (during.iterations === 0) return
  const problems = during.problems.length
  writer.heading(
    `During the method: ${during.iterations} checks, ${problems === 0 ? 'all met' : `${problems} problems`}`,
    3,
  )
  drawTable(
    writer,
    [
      { header: 'Probe', width: 0.3 },
      { header: 'Checks', width: 0.1 },
      { header: 'Met', width: 0.1 },
      { header: 'Not met', width: 0.1 },
      { header: 'Failed', width: 0.1 },
      { header: 'First problem', width: 0.16 },
      { header: 'Slowest', width: 0.14 },
    ],
    during.probes.map((probe) => [
      probe.name,
      String(probe.checks),
      String(probe.met),
      { text: String(probe.notMet), color: probe.notMet > 0 ? '#b91c1c' : '#111827' },
      { text: String(probe.failed), color: probe.failed > 0 ? '#b91c1c' : '#111827' },
      probe.firstProblemAt === undefined ? 'none' : formatOffset(probe.firstProblemAt),
      formatSeconds(probe.slowestSeconds),
    ]),
  )
  if (problems === 0) return
  writer.paragraph('Checks during the method that did not pass:', { size: 9 }, 3)
  drawTable(
    writer,
    [
      { header: 'Check', width: 0.07 },
      { header: 'At', width: 0.12 },
      { header: 'Probe', width: 0.26 },
      { header: 'Tolerance', width: 0.24 },
      { header: 'Value', width: 0.18 },
      { header: 'Result', width: 0.13 },
    ],
    during.problems
      .slice(0, MAX_DURING_PROBLEMS)
      .map((run) => [
        `#${(run.iteration ?? 0) + 1}`,
        formatOffset(run.startOffset),
        ...probeRow(context, run).slice(0, 4),
      ]),
  )
  if (problems > MAX_DURING_PROBLEMS)
    writer.note(`${problems - MAX_DURING_PROBLEMS} more checks did not pass; see the journal.`)
}
