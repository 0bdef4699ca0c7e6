import type { ReportJournal, RunRecord } from '../journal/types.ts'
import { normaliseJournal, type NormaliseOptions } from '../journal/normalise.ts'
import { outcomeLabel, runOutcome } from '../journal/outcome.ts'
import { formatTimestamp } from '../journal/timestamp.ts'
import { verdictHeadline } from '../journal/verdict-kinds.ts'
import { summariseDuring } from '../analysis/during.ts'
import { buildTrend, describeTrendCounts } from '../analysis/trends.ts'
import { recoveryNote, unfinishedNotice } from '../analysis/unfinished.ts'
import {
  describeEngine,
  describeProvider,
  describeRollbackDecision,
  describeTolerance,
  describeValue,
  formatSeconds,
  shortError,
  plural,
  truncate,
} from '../text/format.ts'
import { code, inline, table } from './md.ts'

/** GitHub rejects a job summary over 1 MiB; stay well under it, leaving room for other steps. */
export const MARKDOWN_LIMIT_BYTES = 1_000_000

export interface MarkdownOptions extends NormaliseOptions {
  /** Heading for a report of several journals. */
  title?: string
  limitBytes?: number
}

/**
 * A Markdown summary of one journal for CI logs and job summaries: the verdict in words, the facts,
 * hypothesis probes, method activities and rollbacks as tables. Tables shrink until the text fits
 * under `limitBytes`.
 */
export function renderMarkdownSummary(journal: unknown, options: MarkdownOptions = {}): string {
  return renderMarkdownReport([journal], options)
}

/** One Markdown document for several journals: a trend table first, then each journal's summary. */
export function renderMarkdownReport(journals: readonly unknown[], options: MarkdownOptions = {}): string {
  const models = journals.map((journal) => normaliseJournal(journal, options))
  const limit = options.limitBytes ?? MARKDOWN_LIMIT_BYTES
  for (let maxRows = 500; ; maxRows = Math.floor(maxRows / 2)) {
    const parts = models.length > 1 ? [trendSection(models, options.title, maxRows)] : []
    parts.push(...models.map((model) => summary(model, maxRows, models.length > 1)))
    const text = `${parts.join('\n\n---\n\n')}\n`
    if (Buffer.byteLength(text) <= limit || maxRows <= 1) return fit(text, limit)
  }
}

function summary(journal: ReportJournal, maxRows: number, nested: boolean): string {
  const h = nested ? '###' : '##'
  const verdict = journal.verdict
  const facts = [
    ['Started', formatTimestamp(journal.start)],
    ['Duration', formatSeconds(journal.durationSeconds)],
    ['Ran on', `${journal.node} (${journal.platform})`],
    ['Engine', describeEngine(journal.engine)],
    ['Status', `${journal.status}${journal.deviated ? ', deviated' : ''}`],
  ]
  if (journal.tags.length > 0) facts.push(['Tags', journal.tags.join(', ')])
  const sections = [
    `${h} ${inline(journal.title)}`,
    `**Verdict: ${verdictHeadline(verdict.kind)}** (${verdict.kind}). ${inline(verdict.summary)}`,
    ...unfinishedNotice(journal).map((line) => `> **${inline(line)}**`),
    ...(recoveryNote(journal) === undefined ? [] : [`> ${inline(recoveryNote(journal) ?? '')}`]),
    table(
      ['', ''],
      facts.map(([name, value]) => [name ?? '', inline(value ?? '')]),
      facts.length,
      'facts',
    ),
  ]
  if (journal.description !== '') sections.splice(1, 0, `_${inline(journal.description)}_`)
  sections.push(hypothesisSection(journal, h, maxRows))
  sections.push(`${h}# Method\n\n${runTable(journal, journal.method, maxRows, 'activities')}`)
  sections.push(rollbackSection(journal, h, maxRows))
  if (journal.warnings.length > 0 || journal.error !== undefined) {
    const notes = [
      ...journal.warnings,
      ...(journal.error === undefined ? [] : [`error: ${journal.error.message}`]),
    ]
    sections.push(
      `${h}# Notes\n\n${notes
        .slice(0, maxRows)
        .map((note) => `- ${inline(note)}`)
        .join('\n')}`,
    )
  }
  return sections.join('\n\n')
}

function hypothesisSection(journal: ReportJournal, h: string, maxRows: number): string {
  const hypothesis = journal.hypothesis
  if (hypothesis === undefined) return `${h}# Steady-state hypothesis\n\nThe experiment declares none.`
  const heading = `${h}# Steady-state hypothesis: ${inline(hypothesis.title)}`
  if (!hypothesis.recorded) {
    return `${heading}\n\nThis journal format (chaoslib ${inline(journal.engine.version)}) did not record the hypothesis results.`
  }
  const probes = [...(hypothesis.before?.probes ?? []), ...(hypothesis.after?.probes ?? [])]
  const rows = probes.map((run) => [
    run.phase,
    inline(run.name),
    code(describeTolerance(run.tolerance)),
    code(truncate(describeValue(run), 60)),
    outcomeLabel(runOutcome(run, journal.dry)),
    formatSeconds(run.durationSeconds),
  ])
  const parts = [
    heading,
    table(['Phase', 'Probe', 'Tolerance', 'Value', 'Result', 'Duration'], rows, maxRows, 'probes'),
  ]
  const during = summariseDuring(journal)
  if (during.iterations > 0) {
    const lines = during.probes.map(
      (probe) =>
        `- during the method, ${inline(probe.name)}: ${plural(probe.checks, 'check')}, ${probe.met} met` +
        (probe.notMet + probe.failed > 0
          ? `, ${probe.notMet} not met, ${probe.failed} failed (first at +${(probe.firstProblemAt ?? 0).toFixed(1)} s)`
          : ''),
    )
    parts.push(lines.join('\n'))
  }
  return parts.join('\n\n')
}

function runTable(journal: ReportJournal, runs: RunRecord[], maxRows: number, what: string): string {
  if (runs.length === 0) return `No ${what} ran.`
  const rows = runs.map((run, index) => [
    String(index + 1),
    inline(run.name),
    run.type,
    code(truncate(describeProvider(run.provider), 60)),
    outcomeLabel(runOutcome(run, journal.dry)),
    formatSeconds(run.durationSeconds),
    inline(truncate(shortError(run) ?? '', 120)),
  ])
  return table(['#', 'Activity', 'Type', 'Provider', 'Result', 'Duration', 'Error'], rows, maxRows, what)
}

function rollbackSection(journal: ReportJournal, h: string, maxRows: number): string {
  const decision = journal.rollbackDecision
  const why = decision === undefined ? '' : `${inline(describeRollbackDecision(decision))}\n\n`
  return `${h}# Rollbacks\n\n${why}${runTable(journal, journal.rollbacks, maxRows, 'rollbacks')}`
}

function trendSection(journals: ReportJournal[], title: string | undefined, maxRows: number): string {
  const rows = buildTrend(journals).map((point) => [
    point.when,
    inline(point.title),
    verdictHeadline(point.verdict),
    formatSeconds(point.durationSeconds),
    point.recoverySeconds === undefined ? '' : formatSeconds(point.recoverySeconds),
  ])
  return [
    `## ${inline(title ?? 'Chaos experiment reports')}`,
    describeTrendCounts(buildTrend(journals)),
    table(['When', 'Experiment', 'Verdict', 'Duration', 'Slowest recovery'], rows, maxRows, 'runs'),
  ].join('\n\n')
}

/** Last resort when even one row per table is too long (huge titles): cut at a line boundary. */
function fit(text: string, limit: number): string {
  if (Buffer.byteLength(text) <= limit) return text
  const note = '\n\n_The summary was cut to fit the size limit: see the journal._\n'
  let cut = text.slice(0, limit - note.length)
  while (Buffer.byteLength(cut) > limit - note.length) cut = cut.slice(0, -1024)
  return `${cut.slice(0, cut.lastIndexOf('\n'))}${note}`
}
