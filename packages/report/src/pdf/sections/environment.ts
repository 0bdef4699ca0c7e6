import { describeEngine } from '../../text/format.ts'
import { drawTable } from '../table.ts'
import type { SectionContext } from './context.ts'

/** Where and how the run happened, what the engine noted, and what was redacted. */
export function drawEnvironment(context: SectionContext): void {
  const { writer, journal } = context
  writer.heading('Run environment', 1, context.outline)
  const rows: [string, string][] = [
    ['Host', journal.node],
    ['Platform', journal.platform],
    ['Engine', describeEngine(journal.engine)],
  ]
  if (journal.engine.name === 'steadystate' && journal.engine.runtime !== '')
    rows.push(['Runtime', journal.engine.runtime])
  const options = journal.options
  if (options !== undefined) {
    rows.push(['Rollback strategy', options.rollbackStrategy])
    rows.push(['Hypothesis strategy', options.hypothesisStrategy])
    if (options.hypothesisFrequency !== undefined)
      rows.push(['Hypothesis frequency', `${options.hypothesisFrequency} s`])
    rows.push(['Fail fast', options.failFast ? 'yes' : 'no'])
  }
  rows.push(['Dry run', journal.dry === null ? 'no' : `--dry ${journal.dry}`])
  if (journal.interruption !== undefined) {
    const { signal, at, phase } = journal.interruption
    rows.push(['Interrupted', `${signal} at ${at}, during ${phase}`])
  }
  if (journal.error !== undefined)
    rows.push(['Engine error', `${journal.error.code}: ${journal.error.message}`])
  rows.push(['Secrets', secretsText(context)])
  drawTable(
    writer,
    [
      { header: 'Setting', width: 0.28 },
      { header: 'Value', width: 0.72 },
    ],
    rows,
  )
  if (journal.configuration.length > 0) {
    writer.heading('Configuration', 3)
    drawTable(
      writer,
      [
        { header: 'Key', width: 0.28 },
        { header: 'Source', width: 0.72 },
      ],
      journal.configuration.map((entry) => [entry.key, { text: entry.source, font: 'mono' }]),
    )
  }
  if (journal.warnings.length > 0) {
    writer.heading('Warnings', 3)
    for (const warning of journal.warnings) writer.paragraph(`• ${warning}`, { size: 8.5 }, 2)
  }
}

function secretsText({ journal }: SectionContext): string {
  const { engine, report, wholeValueOnly } = journal.redaction
  const parts = [
    journal.secretNames.length === 0
      ? 'none declared'
      : `declared: ${journal.secretNames.join(', ')} (values are never printed)`,
  ]
  if (engine !== undefined) parts.push(`${engine} value(s) redacted by the engine in the journal`)
  if (report > 0) parts.push(`${report} value(s) the journal kept in clear were redacted in this report`)
  if (wholeValueOnly > 0)
    parts.push(
      `${wholeValueOnly} secret value(s) too short or common to mask inside text were masked only as whole values`,
    )
  return parts.join('; ')
}
