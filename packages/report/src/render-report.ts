import { extname } from 'node:path'
import { renderHtml } from './html/render-html.ts'
import { renderJUnit } from './junit/render-junit.ts'
import { renderMarkdownReport } from './markdown/render-markdown.ts'
import type { PdfOptions } from './pdf/render-pdf.ts'

export const REPORT_FORMATS = ['pdf', 'md', 'junit', 'html'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export type ReportOptions = PdfOptions

export interface RenderedReport {
  content: Buffer
  warnings: string[]
}

/** A format name, including `chaos report`'s (`markdown`, `html5`) and `xml` for JUnit. */
export function parseFormat(name: string): ReportFormat | undefined {
  switch (name.toLowerCase()) {
    case 'pdf':
      return 'pdf'
    case 'md':
    case 'markdown':
      return 'md'
    case 'junit':
    case 'xml':
      return 'junit'
    case 'html':
    case 'html5':
      return 'html'
    default:
      return undefined
  }
}

/** The format an output file's extension implies: `.pdf`, `.md`, `.xml`, `.html`. */
export function formatFromPath(path: string): ReportFormat | undefined {
  switch (extname(path).toLowerCase()) {
    case '.pdf':
      return 'pdf'
    case '.md':
    case '.markdown':
      return 'md'
    case '.xml':
      return 'junit'
    case '.html':
    case '.htm':
      return 'html'
    default:
      return undefined
  }
}

/** Renders journals (parsed JSON of any journal shape) in one format. */
export async function renderReport(
  format: ReportFormat,
  journals: readonly unknown[],
  options: ReportOptions = {},
): Promise<RenderedReport> {
  switch (format) {
    case 'pdf': {
      const { renderPdf } = await import('./pdf/render-pdf.ts')
      const rendered = await renderPdf(journals, options)
      return { content: rendered.pdf, warnings: rendered.warnings }
    }
    case 'md':
      return { content: Buffer.from(renderMarkdownReport(journals, options)), warnings: [] }
    case 'junit':
      return { content: Buffer.from(renderJUnit(journals, options)), warnings: [] }
    case 'html': {
      const rendered = await renderHtml(journals, options)
      return { content: Buffer.from(rendered.html), warnings: rendered.warnings }
    }
  }
}
