import { parseColour, parseFont, type ChartFont, type Colour } from './css.ts'
import { IDENTITY, lengthScale, multiply, type Matrix } from './matrix.ts'
import { PathBuilder } from './path.ts'
import type { ChartSurface, FillRule, StrokeStyle } from './surface.ts'
import {
  alignOffset,
  baselineOffset,
  type Direction,
  type TextAlign,
  type TextBaseline,
} from './text-layout.ts'

/** Canvas state that `save()` and `restore()` keep besides the plain style fields of the context. */
interface Numbers {
  matrix: Matrix
  lineWidth: number
  miterLimit: number
  dash: number[]
  lineDashOffset: number
  globalAlpha: number
}

/** The canvas element chart.js sizes and reads: its size in chart units, and its context. */
export interface VectorCanvas {
  width: number
  height: number
  getContext(kind: '2d'): VectorContext
}

/** Whether a number is one the canvas accepts for that setting; others are ignored, as it does. */
const positive = (value: number): boolean => Number.isFinite(value) && value > 0

/**
 * The subset of CanvasRenderingContext2D that chart.js draws with (paths, arcs, fills and strokes,
 * line dash, transforms, save/restore, clipping, text and measureText), painting vectors on a
 * ChartSurface instead of pixels. Colours are CSS strings (chart.js uses no gradients or patterns for
 * the report's charts: a non-string style is refused by the type), fonts are the report's own.
 */
export class VectorContext {
  readonly canvas: VectorCanvas
  fillStyle = '#000000'
  strokeStyle = '#000000'
  lineCap: StrokeStyle['cap'] = 'butt'
  lineJoin: StrokeStyle['join'] = 'miter'
  font = '10px sans-serif'
  textAlign: TextAlign = 'start'
  textBaseline: TextBaseline = 'alphabetic'
  direction: Direction = 'ltr'
  private numbers: Numbers = {
    matrix: IDENTITY,
    lineWidth: 1,
    miterLimit: 10,
    dash: [],
    lineDashOffset: 0,
    globalAlpha: 1,
  }
  private readonly stack: { style: Partial<VectorContext>; numbers: Numbers }[] = []
  private readonly path = new PathBuilder(() => this.numbers.matrix)

  constructor(
    private readonly surface: ChartSurface,
    width: number,
    height: number,
  ) {
    this.canvas = { width, height, getContext: () => this }
  }

  // --- numeric state: invalid values are ignored, as the canvas does ---
  get lineWidth(): number {
    return this.numbers.lineWidth
  }
  set lineWidth(value: number) {
    // A zero width would otherwise become PDF's thinnest visible line.
    if (positive(value)) this.numbers.lineWidth = value
  }
  get miterLimit(): number {
    return this.numbers.miterLimit
  }
  set miterLimit(value: number) {
    if (positive(value)) this.numbers.miterLimit = value
  }
  get lineDashOffset(): number {
    return this.numbers.lineDashOffset
  }
  set lineDashOffset(value: number) {
    if (Number.isFinite(value)) this.numbers.lineDashOffset = value
  }
  get globalAlpha(): number {
    return this.numbers.globalAlpha
  }
  set globalAlpha(value: number) {
    if (Number.isFinite(value) && value >= 0 && value <= 1) this.numbers.globalAlpha = value
  }

  setLineDash(segments: number[]): void {
    // As the canvas does: a list with a negative or non-finite entry is ignored; odd lists repeat.
    if (segments.some((value) => !Number.isFinite(value) || value < 0)) return
    this.numbers.dash = segments.length % 2 === 0 ? [...segments] : [...segments, ...segments]
  }

  getLineDash(): number[] {
    return [...this.numbers.dash]
  }

  save(): void {
    const { fillStyle, strokeStyle, lineCap, lineJoin, font, textAlign, textBaseline, direction } = this
    const style = { fillStyle, strokeStyle, lineCap, lineJoin, font, textAlign, textBaseline, direction }
    this.stack.push({ style, numbers: { ...this.numbers } })
    this.surface.save()
  }

  restore(): void {
    const previous = this.stack.pop()
    if (previous === undefined) return
    Object.assign(this, previous.style)
    this.numbers = previous.numbers
    this.surface.restore()
  }

  // --- transforms ---
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    this.numbers.matrix = [a, b, c, d, e, f]
  }

  resetTransform(): void {
    this.numbers.matrix = IDENTITY
  }

  transform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    this.numbers.matrix = multiply(this.numbers.matrix, [a, b, c, d, e, f])
  }

  translate(x: number, y: number): void {
    this.transform(1, 0, 0, 1, x, y)
  }

  rotate(angle: number): void {
    const cos = Math.cos(angle)
    const sin = Math.sin(angle)
    this.transform(cos, sin, -sin, cos, 0, 0)
  }

  scale(x: number, y: number): void {
    this.transform(x, 0, 0, y, 0, 0)
  }

  // --- paths ---
  beginPath(): void {
    this.path.reset()
  }
  moveTo(...args: Parameters<PathBuilder['moveTo']>): void {
    this.path.moveTo(...args)
  }
  lineTo(...args: Parameters<PathBuilder['lineTo']>): void {
    this.path.lineTo(...args)
  }
  bezierCurveTo(...args: Parameters<PathBuilder['bezierCurveTo']>): void {
    this.path.bezierCurveTo(...args)
  }
  quadraticCurveTo(...args: Parameters<PathBuilder['quadraticCurveTo']>): void {
    this.path.quadraticCurveTo(...args)
  }
  arc(...args: Parameters<PathBuilder['arc']>): void {
    this.path.arc(...args)
  }
  ellipse(...args: Parameters<PathBuilder['ellipse']>): void {
    this.path.ellipse(...args)
  }
  rect(...args: Parameters<PathBuilder['rect']>): void {
    this.path.rect(...args)
  }
  closePath(): void {
    this.path.closePath()
  }

  // --- painting ---
  fill(rule: FillRule = 'nonzero'): void {
    const colour = this.paint(this.fillStyle)
    if (colour !== undefined) this.surface.fill(this.path.segments, colour, rule)
  }

  stroke(): void {
    const style = this.strokeStyleNow()
    if (style !== undefined) this.surface.stroke(this.path.segments, style)
  }

  clip(rule: FillRule = 'nonzero'): void {
    this.surface.clip(this.path.segments, rule)
  }

  fillRect(x: number, y: number, width: number, height: number): void {
    const colour = this.paint(this.fillStyle)
    if (colour !== undefined) this.surface.fill(this.rectangle(x, y, width, height), colour, 'nonzero')
  }

  strokeRect(x: number, y: number, width: number, height: number): void {
    const style = this.strokeStyleNow()
    if (style !== undefined) this.surface.stroke(this.rectangle(x, y, width, height), style)
  }

  /** The surface starts blank and chart.js clears only before its first frame: nothing to erase. */
  clearRect(): void {
    // Intentionally empty (see above).
  }

  fillText(text: string, x: number, y: number, maxWidth?: number): void {
    const colour = this.paint(this.fillStyle)
    if (colour === undefined || text === '') return
    const font = this.chartFont()
    const width = this.surface.text.width(text, font)
    // Canvas squeezes text wider than maxWidth horizontally rather than overflow.
    const squeeze = maxWidth !== undefined && maxWidth > 0 && width > maxWidth ? maxWidth / width : 1
    const matrix = multiply(this.numbers.matrix, [squeeze, 0, 0, 1, x * (1 - squeeze), 0])
    this.surface.fillText({
      text,
      font,
      x: x - alignOffset(this.textAlign, this.direction, width),
      y: y + baselineOffset(this.textBaseline, this.surface.text.metrics(font)),
      matrix,
      colour,
    })
  }

  /** Outlined text is only chart.js's optional text stroke; the report never asks for it. */
  strokeText(): void {
    // Intentionally empty (see above).
  }

  measureText(text: string): {
    width: number
    actualBoundingBoxLeft: number
    actualBoundingBoxRight: number
    actualBoundingBoxAscent: number
    actualBoundingBoxDescent: number
  } {
    const font = this.chartFont()
    const width = this.surface.text.width(text, font)
    const { ascent, descent } = this.surface.text.metrics(font)
    const left = alignOffset(this.textAlign, this.direction, width)
    const baseline = baselineOffset(this.textBaseline, this.surface.text.metrics(font))
    return {
      width,
      actualBoundingBoxLeft: left,
      actualBoundingBoxRight: width - left,
      actualBoundingBoxAscent: ascent - baseline,
      actualBoundingBoxDescent: descent + baseline,
    }
  }

  private chartFont(): ChartFont {
    return parseFont(this.font)
  }

  private rectangle(x: number, y: number, width: number, height: number): PathBuilder['segments'] {
    const rect = new PathBuilder(() => this.numbers.matrix)
    rect.rect(x, y, width, height)
    return rect.segments
  }

  /** The colour to paint with, globalAlpha applied; nothing when it is fully transparent. */
  private paint(style: string): Colour | undefined {
    const colour = parseColour(style)
    const alpha = colour.alpha * this.numbers.globalAlpha
    return alpha <= 0 ? undefined : { rgb: colour.rgb, alpha }
  }

  private strokeStyleNow(): StrokeStyle | undefined {
    const colour = this.paint(this.strokeStyle)
    if (colour === undefined) return undefined
    const scale = lengthScale(this.numbers.matrix)
    return {
      colour,
      width: this.numbers.lineWidth * scale,
      cap: this.lineCap,
      join: this.lineJoin,
      miterLimit: this.numbers.miterLimit,
      dash: this.numbers.dash.map((length) => length * scale),
      dashOffset: this.numbers.lineDashOffset * scale,
    }
  }
}
