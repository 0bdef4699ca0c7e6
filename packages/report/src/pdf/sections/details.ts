import type { JsonValue } from '@steadystate/model'
import type { RunRecord } from '../../journal/types.ts'
import { outcomeIsProblem, outcomeLabel, runOutcome } from '../../journal/outcome.ts'
import { MUTED, outcomeColour } from '../../palette.ts'
import {
  compactJson,
  describeProvider,
  describeTolerance,
  formatOffset,
  formatSeconds,
  plural,
  trimmedJson,
} from '../../text/format.ts'
import type { SectionContext } from './context.ts'

/** Past this many runs, details are given for problems only: a 5,000-run journal stays readable. */
const MAX_DETAILED_RUNS = 200
const OUTPUT_LINES = 14
const OUTPUT_CHARS = 1500

/** Each activity run in full: provider, arguments, tolerance, output (trimmed) and error. */
export function drawDetails(context: SectionContext): void {
  const { writer, journal } = context
  writer.heading('Activity details', 1, context.outline, 110)
  const hypothesis = journal.hypothesis
  const groups: [string, RunRecord[]][] = [
    ['Hypothesis before the method', hypothesis?.before?.probes ?? []],
    ['Method', journal.method],
    [
      'Hypothesis during the method (checks that did not pass)',
      (hypothesis?.during ?? []).flatMap((check) =>
        check.probes.filter((run) => outcomeIsProblem(runOutcome(run, journal.dry))),
      ),
    ],
    ['Hypothesis after the method', hypothesis?.after?.probes ?? []],
    ['Rollbacks', journal.rollbacks],
  ]
  let budget = MAX_DETAILED_RUNS
  let skipped = 0
  for (const [title, runs] of groups) {
    if (runs.length === 0) continue
    writer.heading(title, 2)
    for (const run of runs) {
      if (budget <= 0 && !outcomeIsProblem(runOutcome(run, journal.dry))) {
        skipped++
        continue
      }
      budget--
      drawRun(context, run)
    }
  }
  if (skipped > 0)
    writer.note(
      `${plural(skipped, 'more run')} succeeded and are not detailed here; the journal has them all.`,
    )
}

function drawRun(context: SectionContext, run: RunRecord): void {
  const { writer, journal } = context
  const outcome = runOutcome(run, journal.dry)
  writer.ensure(60)
  const y = writer.y
  const status = outcomeLabel(outcome)
  writer.write(
    status,
    { font: 'bold', size: 9, color: outcomeColour(outcome) },
    { x: writer.left, y, width: 90 },
  )
  const offset = Math.max(62, writer.widthOf(status, { font: 'bold', size: 9 }) + 10)
  writer.write(
    run.name,
    { font: 'bold', size: 10 },
    { x: writer.left + offset, y: y - 0.5, width: writer.width - offset },
  )
  const timing = [
    run.type,
    describeProvider(run.provider),
    `started ${formatOffset(run.startOffset)}`,
    `took ${formatSeconds(run.durationSeconds)}`,
    ...pauseText(run),
    ...(run.background ? ['in the background'] : []),
  ].join('  ·  ')
  writer.paragraph(timing, { size: 8, color: MUTED }, 2)
  if (run.arguments !== undefined) block(context, 'Arguments', run.arguments, 6, 600)
  if (run.tolerance !== undefined) line(context, 'Tolerance', describeTolerance(run.tolerance))
  if (run.output === undefined) line(context, 'Output', 'not recorded (the run was interrupted)')
  else if (run.output === null) line(context, 'Output', 'null')
  else block(context, 'Output', run.output, OUTPUT_LINES, OUTPUT_CHARS)
  if (run.exception.length > 0) {
    const lines = run.exception.flatMap((entry) => entry.split('\n')).filter((entry) => entry.trim() !== '')
    const tail = lines.slice(-6)
    line(context, 'Error', lines.at(-1)?.trim() ?? '', '#b91c1c')
    if (tail.length > 1) {
      const cut =
        lines.length > tail.length ? `(${lines.length - tail.length} earlier traceback lines left out)\n` : ''
      writer.paragraph(`${cut}${tail.join('\n')}`, { font: 'mono', size: 6.5, color: '#7f1d1d' }, 2)
    }
  }
  writer.gap(7)
}

function pauseText(run: RunRecord): string[] {
  const pauses: string[] = []
  if (run.pauses.before !== undefined) pauses.push(`pause before ${String(run.pauses.before)} s`)
  if (run.pauses.after !== undefined) pauses.push(`pause after ${String(run.pauses.after)} s`)
  return pauses
}

function line({ writer }: SectionContext, label: string, value: string, colour?: string): void {
  writer.paragraph(`${label}: ${value}`, { size: 8.5, ...(colour === undefined ? {} : { color: colour }) }, 2)
}

/** A JSON value in monospace, cut to a few lines with a note of how much was left out. */
function block(
  context: SectionContext,
  label: string,
  value: JsonValue,
  maxLines: number,
  maxChars: number,
): void {
  const { writer } = context
  const short = compactJson(value, 110)
  if (short.length < 100 && !short.endsWith('…')) {
    writer.paragraph(`${label}: ${short}`, { size: 8.5 }, 2)
    return
  }
  writer.paragraph(`${label}:`, { size: 8.5 }, 1)
  const trimmed = trimmedJson(value, maxLines, maxChars)
  writer.paragraph(trimmed.text, { font: 'mono', size: 7 }, 1)
  if (trimmed.cut !== undefined) {
    writer.note(
      `${label} trimmed: ${trimmed.cut.chars.toLocaleString('en')} characters, ${plural(trimmed.cut.lines, 'line')} in full; the journal has it all.`,
    )
  } else writer.gap(1)
}
