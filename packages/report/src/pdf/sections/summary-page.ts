import { formatTimestamp } from '../../journal/timestamp.ts'
import { verdictHeadline } from '../../journal/verdict-kinds.ts'
import { INK, MUTED, verdictColour } from '../../palette.ts'
import { describeEngine, formatSeconds } from '../../text/format.ts'
import type { SectionContext } from './context.ts'
import { glanceLines } from '../../analysis/glance.ts'
import { describeStop } from '../../text/stop.ts'

const LABEL_WIDTH = 118

/**
 * The first page: the verdict in large type on its colour, then what ran, when, where and for how
 * long, then phase by phase whether the system held. Someone who never saw the experiment should
 * not need page two to answer "did it hold?".
 */
export function drawSummaryPage(context: SectionContext): void {
  const { writer, journal } = context
  context.outline.addItem('Summary')
  writer.write(
    'Chaos engineering experiment report',
    { size: 8.5, color: MUTED },
    { x: writer.left, y: writer.y, width: writer.width },
  )
  writer.gap(6)
  drawVerdictBanner(context)
  writer.gap(12)
  writer.paragraph(journal.title, { font: 'bold', size: 17 }, 4)
  if (journal.description !== '') writer.paragraph(journal.description, { size: 10, color: '#374151' }, 10)
  const facts: [string, string][] = [
    ['Started', formatTimestamp(journal.start)],
    ['Finished', formatTimestamp(journal.end)],
    ['Duration', formatSeconds(journal.durationSeconds)],
    ['Ran on', `${journal.node} (${journal.platform})`],
    ['Engine', describeEngine(journal.engine)],
    ['Status in the journal', `${journal.status}${journal.deviated ? ', deviated' : ', not deviated'}`],
  ]
  if (journal.stop !== undefined) facts.push(['Stopped by', describeStop(journal.stop)])
  if (journal.dry !== null) facts.push(['Dry run', `--dry ${journal.dry}: some activities were not executed`])
  facts.push(['Tags', journal.tags.length === 0 ? 'none' : journal.tags.join(', ')])
  if (journal.contributions.length > 0) {
    facts.push(['Contributions', journal.contributions.map((c) => `${c.name}: ${c.level}`).join(', ')])
  }
  for (const [label, value] of facts) fact(context, label, value)
  writer.gap(10)
  writer.heading('At a glance', 2)
  for (const line of glanceLines(journal)) {
    const colour = line.ok === undefined ? INK : line.ok ? '#15803d' : '#b91c1c'
    fact(context, line.label, line.text, colour)
  }
  if (journal.warnings.length > 0 || journal.error !== undefined) {
    writer.gap(8)
    writer.heading('Warnings', 3)
    const notes = [
      ...(journal.error === undefined ? [] : [`Error: ${journal.error.message}`]),
      ...journal.warnings,
    ]
    for (const note of notes.slice(0, 6)) writer.paragraph(`• ${note}`, { size: 8.5, color: '#92400e' }, 2)
    if (notes.length > 6) writer.note(`${notes.length - 6} more in "Run environment".`)
  }
  writer.gap(6)
  writer.note(
    `Report generated ${context.generated.toISOString().slice(0, 16).replace('T', ' ')} UTC by steadystate.`,
  )
}

function drawVerdictBanner({ writer, journal }: SectionContext): void {
  const colour = verdictColour(journal.verdict.kind)
  const inner = writer.width - 28
  const headline = verdictHeadline(journal.verdict.kind)
  const summary = journal.verdict.summary
  const height =
    20 +
    writer.heightOf(headline, { font: 'bold', size: 22 }, inner) +
    writer.heightOf(summary, { size: 10.5 }, inner) +
    6
  const top = writer.y
  writer.doc.roundedRect(writer.left, top, writer.width, height, 6).fill(colour)
  writer.write(
    headline,
    { font: 'bold', size: 22, color: '#ffffff' },
    { x: writer.left + 14, y: top + 10, width: inner },
  )
  writer.write(
    summary,
    { size: 10.5, color: '#ffffff' },
    { x: writer.left + 14, y: writer.y + 2, width: inner },
  )
  writer.doc.y = top + height
  writer.doc.x = writer.left
}

function fact({ writer }: SectionContext, label: string, value: string, colour = INK): void {
  const width = writer.width - LABEL_WIDTH
  const height = Math.max(writer.heightOf(value, { size: 9.5 }, width), 12)
  writer.ensure(height)
  const y = writer.y
  writer.write(
    label,
    { font: 'bold', size: 8.5, color: MUTED },
    { x: writer.left, y: y + 1, width: LABEL_WIDTH - 8 },
  )
  writer.write(value, { size: 9.5, color: colour }, { x: writer.left + LABEL_WIDTH, y, width })
  writer.doc.y = y + height + 2.5
  writer.doc.x = writer.left
}
