import { svgCharting, type ChartRequest } from '../charts/charting.ts'
import { durationsChart, recoveryChart, timelineChart } from '../charts/run-charts.ts'
import { trendOutcomeChart, trendTimesChart } from '../charts/trend-charts.ts'
import { buildDurations } from '../analysis/durations.ts'
import { glanceLines } from '../analysis/glance.ts'
import { recoveryVictims } from '../analysis/recovery.ts'
import { buildTimeline } from '../analysis/timeline.ts'
import { buildTrend, describeTrendCounts } from '../analysis/trends.ts'
import { normaliseJournal, type NormaliseOptions } from '../journal/normalise.ts'
import type { ReportJournal } from '../journal/types.ts'
import { formatTimestamp } from '../journal/timestamp.ts'
import { verdictHeadline } from '../journal/verdict-kinds.ts'
import { resolveFonts } from '../pdf/fonts.ts'
import { verdictColour } from '../palette.ts'
import { describeEngine, formatSeconds } from '../text/format.ts'
import { esc, htmlTable, STYLE } from './html.ts'
import { hypothesisHtml, runsHtml } from './runs-html.ts'
import { metricsHtml } from './metrics-html.ts'

export interface HtmlOptions extends NormaliseOptions {
  title?: string
  /** `false`: no charts (and chart.js not loaded). */
  charts?: boolean
  /** Read the chart fonts from this folder by file name instead of from their npm packages. */
  fontDirectory?: string
}

/** Width the charts are laid out at, in CSS pixels (they scale down with the page). */
const CHART_WIDTH = 760

/** One self-contained HTML page (inline CSS, charts as inline SVG) for one or several journals. */
export async function renderHtml(
  journals: readonly unknown[],
  options: HtmlOptions = {},
): Promise<{ html: string; warnings: string[] }> {
  const models = journals.map((journal) => normaliseJournal(journal, options))
  const svg = options.charts === false ? undefined : await svgCharting(resolveFonts(options.fontDirectory))
  const chart = (request: ChartRequest | undefined): string =>
    request === undefined || svg === undefined ? '' : svg(request)
  const title = options.title ?? (models.length === 1 ? (models[0]?.title ?? '') : 'Chaos experiment reports')
  const parts: string[] = []
  if (models.length > 1) parts.push(trendsHtml(models, title, chart))
  for (const journal of models) parts.push(journalHtml(journal, chart, svg))
  const html = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(
    title,
  )}</title><style>${STYLE}</style></head><body>\n${parts.join('\n')}\n</body></html>\n`
  return { html, warnings: [] }
}

type ChartHtml = (request: ChartRequest | undefined) => string
type SvgChart = (request: ChartRequest) => string

function journalHtml(journal: ReportJournal, chart: ChartHtml, svg: SvgChart | undefined): string {
  const colour = verdictColour(journal.verdict.kind)
  const facts: [string, string][] = [
    ['Started', formatTimestamp(journal.start)],
    ['Duration', formatSeconds(journal.durationSeconds)],
    ['Ran on', `${journal.node} (${journal.platform})`],
    ['Engine', describeEngine(journal.engine)],
    ['Status', `${journal.status}${journal.deviated ? ', deviated' : ''}`],
    ['Tags', journal.tags.join(', ') || 'none'],
  ]
  if (journal.contributions.length > 0) {
    facts.push(['Contributions', journal.contributions.map((c) => `${c.name}: ${c.level}`).join(', ')])
  }
  const glance = glanceLines(journal)
    .map((line) => {
      const className = line.ok === undefined ? '' : line.ok ? ' class="ok"' : ' class="bad"'
      return `<dt>${esc(line.label)}</dt><dd${className}>${esc(line.text)}</dd>`
    })
    .join('')
  const timeline = buildTimeline(journal)
  const bars = buildDurations(journal)
  const victims = recoveryVictims(journal)
  return `<section class="journal">
<p class="caption">Chaos engineering experiment report</p>
<div class="banner" style="background:${colour}"><strong>${esc(verdictHeadline(journal.verdict.kind))}</strong>${esc(journal.verdict.summary)}</div>
<h1>${esc(journal.title)}</h1><p>${esc(journal.description)}</p>
<dl>${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
<h2>At a glance</h2><dl>${glance}</dl>
${hypothesisHtml(journal)}
<h2>Timeline</h2>${timeline.spans.length === 0 ? '<p>No activity ran.</p>' : chart(timelineChart(timeline, CHART_WIDTH))}
${bars.length === 0 ? '' : `<h2>Durations</h2>${chart(durationsChart(bars, CHART_WIDTH))}`}
${metricsHtml(journal, svg, CHART_WIDTH)}
${
  victims.length === 0
    ? ''
    : `<h2>Recovery</h2>${chart(recoveryChart(victims, CHART_WIDTH))}${htmlTable(
        ['Pod', 'Replacement', 'Scheduled', 'Ready'],
        victims.map((v) => [
          v.pod,
          v.replacement ?? 'none',
          formatSeconds(v.scheduledSeconds),
          v.recovered ? formatSeconds(v.readySeconds) : 'not recovered',
        ]),
      )}`
}
${runsHtml(journal)}
</section>`
}

function trendsHtml(journals: ReportJournal[], title: string, chart: ChartHtml): string {
  const points = buildTrend(journals)
  return `<section><h1>${esc(title)}</h1><p>${esc(describeTrendCounts(points))}</p>
${chart(trendOutcomeChart(points, CHART_WIDTH))}${chart(trendTimesChart(points, CHART_WIDTH))}
${htmlTable(
  ['When (UTC)', 'Experiment', 'Verdict', 'Duration', 'Slowest recovery'],
  points.map((p) => [
    p.when,
    p.title,
    { text: verdictHeadline(p.verdict), className: p.passed ? 'ok' : 'bad' },
    formatSeconds(p.durationSeconds),
    p.recoverySeconds === undefined ? 'n/a' : formatSeconds(p.recoverySeconds),
  ]),
)}</section>`
}
