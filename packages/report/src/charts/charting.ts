import type { Chart, ChartConfiguration, ChartType } from 'chart.js'
import type { FontFiles } from '../pdf/fonts.ts'
import type { Doc } from '../pdf/pdfkit-types.ts'
import { VectorContext } from './canvas/context.ts'
import { PdfSurface } from './canvas/pdf-surface.ts'
import type { ChartSurface } from './canvas/surface.ts'
import { SvgSurface } from './canvas/svg-surface.ts'
import { TextMetrics } from './canvas/text-metrics.ts'

/** Any chart.js chart; floating bars (`{x: [start, end], y}`) are outside chart.js's default data types. */
export type AnyChartConfiguration = ChartConfiguration<ChartType, unknown[]>

export interface ChartRequest {
  config: AnyChartConfiguration
  widthPt: number
  heightPt: number
}

/** What the PDF sections draw charts with: vectors on the page, or (`--no-charts`) nothing. */
export type Charting =
  { kind: 'vector'; draw(request: ChartRequest, at: { x: number; y: number }): void } | { kind: 'off' }

type ChartConstructor = typeof Chart

/**
 * chart.js, set up for the report (charts/chart-js.ts), loaded on first use so that `--no-charts`
 * and the other formats never parse it. It draws on a vector canvas (charts/canvas/) instead of
 * pixels: no native binary, the same charts in every channel (the CLI, the container image, the
 * GitHub Action bundle).
 */
async function loadChartJs(): Promise<ChartConstructor> {
  return (await import('./chart-js.ts')).Chart
}

/** Lets chart.js draw one chart on `surface`, synchronously (no animation, no resizing). */
function drawOn(Chart: ChartConstructor, surface: ChartSurface, request: ChartRequest): void {
  const context = new VectorContext(surface, Math.round(request.widthPt), Math.round(request.heightPt))
  const config: AnyChartConfiguration = {
    ...request.config,
    options: { ...request.config.options, responsive: false, animation: false, devicePixelRatio: 1 },
  }
  // chart.js takes anything with getContext('2d'); the vector canvas implements the part it draws with.
  const chart = new Chart(context.canvas, config)
  chart.destroy()
}

/** Charts for one PDF document, drawn into its pages at the given top left corner. */
export async function pdfCharting(doc: Doc, fonts: FontFiles): Promise<Charting> {
  const Chart = await loadChartJs()
  const text = new TextMetrics(doc, fonts)
  return {
    kind: 'vector',
    draw(request, at) {
      const surface = new PdfSurface(text, at)
      try {
        drawOn(Chart, surface, request)
      } finally {
        surface.finish()
      }
    },
  }
}

/** Charts as inline SVG (the HTML report), measured with the same fonts as the PDF's. */
export async function svgCharting(fonts: FontFiles): Promise<(request: ChartRequest) => string> {
  const [Chart, { default: PDFDocument }] = await Promise.all([loadChartJs(), import('pdfkit')])
  // A document that is never written: pdfkit's font engine measures the chart text.
  const text = new TextMetrics(new PDFDocument({ font: fonts.regular }), fonts)
  let count = 0
  return (request) => {
    const surface = new SvgSurface(
      text,
      Math.round(request.widthPt),
      Math.round(request.heightPt),
      `chart${++count}`,
    )
    drawOn(Chart, surface, request)
    return surface.toString()
  }
}
