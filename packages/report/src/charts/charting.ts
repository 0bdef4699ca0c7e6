import type * as CanvasModule from '@napi-rs/canvas'
import type * as ChartModule from 'chart.js'
import type { ChartConfiguration, ChartType } from 'chart.js'
import type { FontFiles } from '../pdf/fonts.ts'
import { encodeRgbPng } from './png.ts'

/** Pixels per PDF point: charts stay sharp when printed or zoomed. */
const SCALE = 2.5

/** Any chart.js chart; floating bars (`{x: [start, end], y}`) are outside chart.js's default data types. */
export type AnyChartConfiguration = ChartConfiguration<ChartType, unknown[]>

export interface ChartRequest {
  config: AnyChartConfiguration
  widthPt: number
  heightPt: number
}

export interface ChartImage {
  png: Buffer
  widthPt: number
  heightPt: number
}

export type Charting =
  { kind: 'available'; render(request: ChartRequest): ChartImage } | { kind: 'unavailable'; reason: string }

export const CHART_FONT = 'Noto Sans'

/**
 * Loads chart.js and the native canvas (@napi-rs/canvas) on first use. A platform without a
 * prebuilt canvas still gets its report: the caller draws tables instead and says why.
 */
export async function loadCharting(fonts: FontFiles): Promise<Charting> {
  let canvasModule: typeof CanvasModule
  let chartModule: typeof ChartModule
  try {
    ;[canvasModule, chartModule] = await Promise.all([import('@napi-rs/canvas'), import('chart.js')])
  } catch (error) {
    return { kind: 'unavailable', reason: `the chart renderer could not load: ${(error as Error).message}` }
  }
  const { createCanvas, GlobalFonts } = canvasModule
  const {
    Chart,
    BarController,
    BarElement,
    CategoryScale,
    Legend,
    LinearScale,
    LineController,
    LineElement,
    PointElement,
    Title,
  } = chartModule
  Chart.register(
    BarController,
    BarElement,
    CategoryScale,
    Legend,
    LinearScale,
    LineController,
    LineElement,
    PointElement,
    Title,
  )
  // The same font files as the PDF text, so charts look the same on every machine.
  GlobalFonts.registerFromPath(fonts.regular, CHART_FONT)
  GlobalFonts.registerFromPath(fonts.bold, CHART_FONT)
  Chart.defaults.font.family = CHART_FONT
  Chart.defaults.font.size = 7.5
  Chart.defaults.color = '#374151'
  let cjkRegistered = false
  return {
    kind: 'available',
    render(request) {
      if (!cjkRegistered && fonts.cjk !== undefined && usesCjk(request.config)) {
        GlobalFonts.registerFromPath(fonts.cjk, CHART_FONT)
        cjkRegistered = true
      }
      const canvas = createCanvas(Math.round(request.widthPt), Math.round(request.heightPt))
      const config: AnyChartConfiguration = {
        ...request.config,
        options: { ...request.config.options, responsive: false, animation: false, devicePixelRatio: SCALE },
      }
      const chart = new Chart(canvas, config)
      try {
        const png = encodeRgbPng(canvas.data(), canvas.width, canvas.height)
        return { png, widthPt: request.widthPt, heightPt: request.heightPt }
      } finally {
        chart.destroy()
      }
    },
  }
}

function usesCjk(config: AnyChartConfiguration): boolean {
  return (config.data.labels ?? []).some((label) => typeof label === 'string' && CJK.test(label))
}

/** Han, kana, Hangul and CJK punctuation: what Noto Sans lacks and the CJK fallback font has. */
export const CJK =
  /[\u1100-\u11ff\u2e80-\u2fdf\u2ff0-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\u{20000}-\u{2fa1f}]/u
