import type { Doc } from '../../pdf/pdfkit-types.ts'
import { FEATURES } from '../../pdf/text-shaping.ts'
import type { Colour } from './css.ts'
import type { Segment } from './path.ts'
import type { ChartSurface, FillRule, StrokeStyle, TextDraw } from './surface.ts'
import type { TextMetrics } from './text-metrics.ts'

declare global {
  // pdfkit's dash() takes a whole dash array too; @types/pdfkit declares only one length.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace PDFKit.Mixins {
    interface PDFVector {
      dash(lengths: number[], options: { phase: number }): this
    }
  }
}

/**
 * Paints a chart straight into the PDF page's content stream with pdfkit's vector operators:
 * crisp at any zoom, and its text real text (selectable, found by search and by pdftotext).
 * Construct it, draw, then `finish()` to restore the page's own state and text position.
 */
export class PdfSurface implements ChartSurface {
  private readonly doc: Doc
  private readonly textPosition: { x: number; y: number }

  constructor(
    readonly text: TextMetrics,
    origin: { x: number; y: number },
  ) {
    this.doc = text.doc
    this.textPosition = { x: this.doc.x, y: this.doc.y }
    this.doc.save().translate(origin.x, origin.y)
  }

  finish(): void {
    this.doc.restore()
    // pdfkit's text() moves its cursor; the report's flow continues where it was.
    this.doc.x = this.textPosition.x
    this.doc.y = this.textPosition.y
  }

  save(): void {
    this.doc.save()
  }

  restore(): void {
    this.doc.restore()
  }

  fill(path: readonly Segment[], colour: Colour, rule: FillRule): void {
    if (!this.trace(path)) return
    this.doc.fillColor(colour.rgb, colour.alpha).fill(rule)
  }

  stroke(path: readonly Segment[], style: StrokeStyle): void {
    if (!this.trace(path)) return
    this.doc
      .strokeColor(style.colour.rgb, style.colour.alpha)
      .lineWidth(style.width)
      .lineCap(style.cap)
      .lineJoin(style.join)
      .miterLimit(style.miterLimit)
    // PDF refuses a dash pattern of zero total length; pdfkit refuses any zero entry (a dot with
    // round caps on a canvas), so a zero becomes a hair.
    if (style.dash.length === 0 || style.dash.every((length) => length === 0)) this.doc.undash()
    else
      this.doc.dash(
        style.dash.map((length) => Math.max(length, 0.01)),
        { phase: style.dashOffset },
      )
    this.doc.stroke()
  }

  clip(path: readonly Segment[], rule: FillRule): void {
    // An empty clip path clips everything away, as on a canvas.
    if (!this.trace(path)) this.doc.rect(0, 0, 0, 0)
    this.doc.clip(rule)
  }

  fillText(draw: TextDraw): void {
    const [a, b, c, d, e, f] = draw.matrix
    const translationOnly = a === 1 && b === 0 && c === 0 && d === 1
    if (!translationOnly) this.doc.save().transform(a, b, c, d, e, f)
    let x = translationOnly ? draw.x + e : draw.x
    const y = translationOnly ? draw.y + f : draw.y
    this.doc.fillColor(draw.colour.rgb, draw.colour.alpha)
    for (const run of this.text.runs(draw.text, draw.font.face)) {
      this.text.use(run, draw.font.size)
      this.doc.text(run.text, x, y, { lineBreak: false, baseline: 'alphabetic', features: FEATURES })
      x += this.doc.widthOfString(run.text, { features: FEATURES })
    }
    if (!translationOnly) this.doc.restore()
  }

  /** Adds the path to the page; false when it is empty (nothing to paint). */
  private trace(path: readonly Segment[]): boolean {
    if (path.length === 0) return false
    for (const segment of path) {
      switch (segment.op) {
        case 'move':
          this.doc.moveTo(segment.x, segment.y)
          break
        case 'line':
          this.doc.lineTo(segment.x, segment.y)
          break
        case 'curve':
          this.doc.bezierCurveTo(segment.x1, segment.y1, segment.x2, segment.y2, segment.x, segment.y)
          break
        case 'close':
          this.doc.closePath()
          break
      }
    }
    return true
  }
}
