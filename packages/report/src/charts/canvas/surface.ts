import type { ChartFont, Colour } from './css.ts'
import type { Matrix } from './matrix.ts'
import type { Segment } from './path.ts'
import type { TextMetrics } from './text-metrics.ts'

export type FillRule = 'nonzero' | 'evenodd'

export interface StrokeStyle {
  colour: Colour
  /** In chart units, the canvas transform's scale already applied. */
  width: number
  cap: 'butt' | 'round' | 'square'
  join: 'miter' | 'round' | 'bevel'
  miterLimit: number
  dash: readonly number[]
  dashOffset: number
}

/** One line of text, its alphabetic baseline starting at (x, y) in the user space of `matrix`. */
export interface TextDraw {
  text: string
  font: ChartFont
  x: number
  y: number
  matrix: Matrix
  colour: Colour
}

/**
 * What the vector canvas paints on: the PDF page (pdfkit) or an SVG document. Paths arrive in chart
 * coordinates (origin top left, y down, one unit a PDF point); `save`/`restore` bracket clipping.
 */
export interface ChartSurface {
  readonly text: TextMetrics
  save(): void
  restore(): void
  fill(path: readonly Segment[], colour: Colour, rule: FillRule): void
  stroke(path: readonly Segment[], style: StrokeStyle): void
  clip(path: readonly Segment[], rule: FillRule): void
  fillText(draw: TextDraw): void
}
