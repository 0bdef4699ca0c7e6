import type { ReportJournal, RunRecord } from '../journal/types.ts'
import { describeStop } from '../text/stop.ts'
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
import { metricsMarkdown } from './metrics-md.ts'

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
    const parts: Part[] = models.length > 1 ? [{ cut: trendSection(models, options.title, maxRows) }] : []
    parts.push(...models.flatMap((model) => summary(model, maxRows, models.length > 1)))
    const text = joinParts(parts)
    if (Buffer.byteLength(text) <= limit || maxRows <= 1) return fit(parts, limit)
  }
}

/**
 * A piece of the document: what a reader must always get (each journal's title, verdict and facts)
 * is kept whole; the rest may be cut to fit the size limit.
 */
type Part = { keep: string } | { cut: string }

/** Before each journal's summary in a report of several. */
const JOURNAL_RULE = '---\n\n'

function joinParts(parts: readonly Part[]): string {
  return `${parts.map((part) => ('keep' in part ? part.keep : part.cut)).join('\n\n')}\n`
}

function summary(journal: ReportJournal, maxRows: number, nested: boolean): Part[] {
  const h = nested ? '###' : '##'
  const verdict = journal.verdict
  const facts = [
    ['Started', formatTimestamp(journal.start)],
    ['Duration', formatSeconds(journal.durationSeconds)],
    ['Ran on', `${journal.node} (${journal.platform})`],
    ['Engine', describeEngine(journal.engine)],
    ['Status', `${journal.status}${journal.deviated ? ', deviated' : ''}`],
  ]
  if (journal.stop !== undefined) facts.push(['Stopped by', describeStop(journal.stop)])
  if (journal.tags.length > 0) facts.push(['Tags', journal.tags.join(', ')])
  const head = [
    `${nested ? JOURNAL_RULE : ''}${h} ${inline(journal.title)}`,
    ...(journal.description === '' ? [] : [`_${inline(journal.description)}_`]),
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
  const sections = [
    hypothesisSection(journal, h, maxRows),
    `${h}# Method\n\n${runTable(journal, journal.method, maxRows, 'activities')}`,
    rollbackSection(journal, h, maxRows),
  ]
  const metrics = metricsMarkdown(journal, h, maxRows)
  if (metrics !== '') sections.push(metrics)
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
  return [{ keep: head.join('\n\n') }, { cut: sections.join('\n\n') }]
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

const CUT_NOTE = '_The summary was cut here to fit the size limit: see the journal._'

/**
 * Last resort when even one row per table is too long: the parts to keep stay whole, the others
 * share what room is left, each cut at a line boundary with a note.
 */
function fit(parts: readonly Part[], limit: number): string {
  const text = joinParts(parts)
  if (Buffer.byteLength(text) <= limit) return text
  const cuttable = parts.filter((part) => 'cut' in part).length
  const fixed = parts.reduce((sum, part) => sum + ('keep' in part ? Buffer.byteLength(part.keep) + 2 : 0), 1)
  const room = Math.max(0, Math.floor((limit - fixed) / Math.max(1, cuttable)) - CUT_NOTE.length - 4)
  return joinParts(parts.map((part) => ('keep' in part ? part : { cut: cutTo(part.cut, room) })))
}

/** The longest start of `text` within `bytes` bytes, ending at a line boundary, and the note. */
function cutTo(text: string, bytes: number): string {
  if (Buffer.byteLength(text) <= bytes) return text
  let cut = text.slice(0, bytes)
  while (Buffer.byteLength(cut) > bytes) cut = cut.slice(0, -Math.max(1, Buffer.byteLength(cut) - bytes))
  const line = cut.lastIndexOf('\n')
  return `${line < 0 ? '' : cut.slice(0, line)}\n\n${CUT_NOTE}`
}
