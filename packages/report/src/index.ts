/**
 * `@steadystate/report`: reports from Chaos Toolkit and steadystate journals. Every renderer takes
 * parsed journals of any shape (chaoslib 0.12 to 1.45, or steadystate's), normalises and redacts
 * them, and renders from that one model. The PDF and HTML renderers load pdfkit and chart.js only
 * when called; charts are drawn as vectors (charts/canvas/), with no native binary.
 */
import type { PdfOptions, RenderedPdf } from './pdf/render-pdf.ts'

export { normaliseJournal, isReportJournal, type NormaliseOptions } from './journal/normalise.ts'
export type {
  ReportJournal,
  RunRecord,
  Hypothesis,
  HypothesisCheck,
  Phase,
  ProviderSummary,
  ReportVerdict,
} from './journal/types.ts'
export { runOutcome, type RunOutcome } from './journal/outcome.ts'
export { verdictHeadline, verdictPassed, VERDICT_KINDS } from './journal/verdict-kinds.ts'
export { REDACTED, collectSecretValues, type SecretSources } from './journal/secrets.ts'
export {
  renderMarkdownSummary,
  renderMarkdownReport,
  MARKDOWN_LIMIT_BYTES,
  type MarkdownOptions,
} from './markdown/render-markdown.ts'
export { renderJUnit } from './junit/render-junit.ts'
export { renderHtml, type HtmlOptions } from './html/render-html.ts'
export {
  renderReport,
  formatFromPath,
  parseFormat,
  REPORT_FORMATS,
  type ReportFormat,
  type ReportOptions,
  type RenderedReport,
} from './render-report.ts'
export type { PdfOptions, RenderedPdf }

/** The PDF report; pdfkit and the chart renderer are imported on first use. */
export async function renderPdf(
  journals: readonly unknown[],
  options: PdfOptions = {},
): Promise<RenderedPdf> {
  const { renderPdf: render } = await import('./pdf/render-pdf.ts')
  return render(journals, options)
}
