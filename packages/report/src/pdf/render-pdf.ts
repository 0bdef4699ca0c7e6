import { pdfCharting, type Charting } from '../charts/charting.ts'
import { normaliseJournal, type NormaliseOptions } from '../journal/normalise.ts'
import type { ReportJournal } from '../journal/types.ts'
import { verdictHeadline } from '../journal/verdict-kinds.ts'
import { MUTED } from '../palette.ts'
import { truncate } from '../text/format.ts'
import { resolveFonts } from './fonts.ts'
import { drawRecovery, drawTimeline } from './sections/charts.ts'
import type { SectionContext } from './sections/context.ts'
import { drawDetails } from './sections/details.ts'
import { drawEnvironment } from './sections/environment.ts'
import { drawHypothesis } from './sections/hypothesis.ts'
import { drawMetrics } from './sections/metrics.ts'
import { drawMethod, drawRollbacks } from './sections/runs.ts'
import { drawSummaryPage } from './sections/summary-page.ts'
import { drawTrends } from './sections/trends.ts'
import { PdfWriter } from './writer.ts'

export interface PdfOptions extends NormaliseOptions {
  /** Title of a report over several journals. */
  title?: string
  /** `false` draws tables instead of charts (and skips loading chart.js). */
  charts?: boolean
  /** When the report was generated, shown on the summary page. */
  now?: Date
  /** Read the fonts from this folder by file name instead of from their npm packages. */
  fontDirectory?: string
  /**
   * Stops the rendering (it rejects with the signal's reason) when aborted, e.g. on SIGTERM: the
   * renderer gives the event loop a turn between sections, so a signal handler can run.
   */
  signal?: AbortSignal
}

export interface RenderedPdf {
  pdf: Buffer
  pages: number
  /** Things the reader of the command's output should know (e.g. a missing CJK font). */
  warnings: string[]
}

const MARGINS = { top: 50, bottom: 58, left: 50, right: 50 }

/**
 * The PDF report: for one journal, its summary page and sections; for several, a trends section
 * first, then each journal in turn. Bookmarks mirror the sections; every page is numbered.
 */
export async function renderPdf(
  journals: readonly unknown[],
  options: PdfOptions = {},
): Promise<RenderedPdf> {
  const models = journals.map((journal) => normaliseJournal(journal, options))
  const fonts = resolveFonts(options.fontDirectory)
  const { default: PDFDocument } = await import('pdfkit')
  const title =
    options.title ??
    (models.length === 1 ? (models[0]?.title ?? 'Chaos experiment report') : 'Chaos experiment reports')
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    // Our own font from the start, so pdfkit never loads its built-in Helvetica metrics.
    font: fonts.regular,
    pdfVersion: '1.7',
    lang: 'en',
    displayTitle: true,
    info: {
      Title: title,
      Creator: 'steadystate',
      Producer: 'steadystate (pdfkit)',
      Subject: 'Chaos engineering experiment report',
    },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve)
    doc.on('error', reject)
  })
  const writer = new PdfWriter(doc, fonts)
  const charting: Charting = options.charts === false ? { kind: 'off' } : await pdfCharting(doc, fonts)
  const footers: { from: number; text: string }[] = []
  const generated = options.now ?? new Date()
  if (models.length > 1) {
    footers.push({ from: 0, text: title })
    drawTrends(writer, models, charting, doc.outline, title)
  }
  for (const [index, journal] of models.entries()) {
    if (models.length > 1 || index > 0) writer.newPage()
    footers.push({ from: doc.bufferedPageRange().count - 1, text: footerText(journal) })
    const label = models.length > 1 ? `${index + 1}. ${journal.title}` : journal.title
    const outline = doc.outline.addItem(label, { expanded: true })
    await drawJournal({ writer, journal, charting, outline, generated }, options.signal)
  }
  await pause(options.signal)
  drawFooters(writer, footers)
  // Counted before end(): pdfkit flushes its buffered pages then.
  const pages = doc.bufferedPageRange().count
  doc.end()
  await finished
  const warnings: string[] = []
  if (writer.missingCjkFont) {
    warnings.push(
      'Chinese/Japanese text was drawn without its font (Noto Sans SC is not installed here): those characters may be missing',
    )
  }
  return { pdf: Buffer.concat(chunks), pages, warnings }
}

const SECTIONS = [
  drawSummaryPage,
  drawHypothesis,
  drawTimeline,
  drawMetrics,
  drawRecovery,
  drawMethod,
  drawRollbacks,
  drawDetails,
  drawEnvironment,
]

async function drawJournal(context: SectionContext, signal: AbortSignal | undefined): Promise<void> {
  for (const section of SECTIONS) {
    await pause(signal)
    section(context)
  }
}

/** A turn of the event loop (signal handlers run), then stop if the rendering was aborted. */
async function pause(signal: AbortSignal | undefined): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve))
  signal?.throwIfAborted()
}

function footerText(journal: ReportJournal): string {
  return `${truncate(journal.title, 70)}  ·  ${verdictHeadline(journal.verdict.kind)}`
}

/** Page numbers go on last, when the page count is known (pdfkit keeps pages buffered for this). */
function drawFooters(writer: PdfWriter, footers: { from: number; text: string }[]): void {
  const doc = writer.doc
  const range = doc.bufferedPageRange()
  for (let page = range.start; page < range.start + range.count; page++) {
    doc.switchToPage(page)
    const text = [...footers].reverse().find((footer) => footer.from <= page)?.text ?? ''
    const bottom = doc.page.margins.bottom
    // Text below the bottom margin would make pdfkit start a new page; lift the margin meanwhile.
    doc.page.margins.bottom = 0
    const y = doc.page.height - 34
    const width = doc.page.width - MARGINS.left - MARGINS.right
    const style = { size: 7.5, color: MUTED }
    writer.write(text, style, { x: MARGINS.left, y, width: width - 80, lineBreak: false })
    writer.write(`Page ${page + 1} of ${range.count}`, style, {
      x: MARGINS.left,
      y,
      width,
      align: 'right',
      lineBreak: false,
    })
    doc.page.margins.bottom = bottom
  }
}
