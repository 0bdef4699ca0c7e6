import { parseColour, parseFont, type ChartFont, type Colour } from './css.ts'
import { IDENTITY, lengthScale, multiply, type Matrix } from './matrix.ts'
import { PathBuilder } from './path.ts'
import type { ChartSurface, FillRule, StrokeStyle } from './surface.ts'

type TextAlign = 'left' | 'right' | 'center' | 'start' | 'end'
type TextBaseline = 'top' | 'hanging' | 'middle' | 'alphabetic' | 'ideographic' | 'bottom'

/** The part of the canvas state that `save()` and `restore()` keep. */
interface State {
  matrix: Matrix
  fillStyle: string
  strokeStyle: string
  lineWidth: number
  lineCap: StrokeStyle['cap']
  lineJoin: StrokeStyle['join']
  miterLimit: number
  dash: number[]
  lineDashOffset: number
  globalAlpha: number
  font: string
  textAlign: TextAlign
  textBaseline: TextBaseline
  direction: 'ltr' | 'rtl' | 'inherit'
}

const INITIAL: State = {
  matrix: IDENTITY,
  fillStyle: '#000000',
  strokeStyle: '#000000',
  lineWidth: 1,
  lineCap: 'butt',
  lineJoin: 'miter',
  miterLimit: 10,
  dash: [],
  lineDashOffset: 0,
  globalAlpha: 1,
  font: '10px sans-serif',
  textAlign: 'start',
  textBaseline: 'alphabetic',
  direction: 'ltr',
}

/** The canvas element chart.js sizes and reads: its size in chart units, and its context. */
export interface VectorCanvas {
  width: number
  height: number
  getContext(kind: '2d'): VectorContext
}

/**
 * The subset of CanvasRenderingContext2D that chart.js draws with (paths, arcs, fills and strokes,
 * line dash, transforms, save/restore, clipping, text and measureText), painting vectors on a
 * ChartSurface instead of pixels. Colours are CSS strings (chart.js uses no gradients or patterns for
 * the report's charts: a non-string style is refused by the type), fonts are the report's own.
 */
export class VectorContext {
  readonly canvas: VectorCanvas
  private state: State = { ...INITIAL }
  private readonly stack: State[] = []
  private readonly path = new PathBuilder(() => this.state.matrix)

  constructor(
    private readonly surface: ChartSurface,
    width: number,
    height: number,
  ) {
    this.canvas = { width, height, getContext: () => this }
  }

  // --- state ---
  get fillStyle(): string {
    return this.state.fillStyle
  }
  set fillStyle(value: string) {
    this.state.fillStyle = value
  }
  get strokeStyle(): string {
    return this.state.strokeStyle
  }
  set strokeStyle(value: string) {
    this.state.strokeStyle = value
  }
  get lineWidth(): number {
    return this.state.lineWidth
  }
  set lineWidth(value: number) {
    if (Number.isFinite(value) && value > 0) this.state.lineWidth = value
  }
  get lineCap(): StrokeStyle['cap'] {
    return this.state.lineCap
  }
  set lineCap(value: StrokeStyle['cap']) {
    this.state.lineCap = value
  }
  get lineJoin(): StrokeStyle['join'] {
    return this.state.lineJoin
  }
  set lineJoin(value: StrokeStyle['join']) {
    this.state.lineJoin = value
  }
  get miterLimit(): number {
    return this.state.miterLimit
  }
  set miterLimit(value: number) {
    if (Number.isFinite(value) && value > 0) this.state.miterLimit = value
  }
  get lineDashOffset(): number {
    return this.state.lineDashOffset
  }
  set lineDashOffset(value: number) {
    if (Number.isFinite(value)) this.state.lineDashOffset = value
  }
  get globalAlpha(): number {
    return this.state.globalAlpha
  }
  set globalAlpha(value: number) {
    if (Number.isFinite(value) && value >= 0 && value <= 1) this.state.globalAlpha = value
  }
  get font(): string {
    return this.state.font
  }
  set font(value: string) {
    this.state.font = value
  }
  get textAlign(): TextAlign {
    return this.state.textAlign
  }
  set textAlign(value: TextAlign) {
    this.state.textAlign = value
  }
  get textBaseline(): TextBaseline {
    return this.state.textBaseline
  }
  set textBaseline(value: TextBaseline) {
    this.state.textBaseline = value
  }
  get direction(): State['direction'] {
    return this.state.direction
  }
  set direction(value: State['direction']) {
    this.state.direction = value
  }

  setLineDash(segments: number[]): void {
    // As the canvas does: a list with a negative or non-finite entry is ignored; odd lists repeat.
    if (segments.some((value) => !Number.isFinite(value) || value < 0)) return
    this.state.dash = segments.length % 2 === 0 ? [...segments] : [...segments, ...segments]
  }

  getLineDash(): number[] {
    return [...this.state.dash]
  }

  save(): void {
    this.stack.push({ ...this.state })
    this.surface.save()
  }

  restore(): void {
    const previous = this.stack.pop()
    if (previous === undefined) return
    this.state = previous
    this.surface.restore()
  }

  // --- transforms ---
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    this.state.matrix = [a, b, c, d, e, f]
  }

  resetTransform(): void {
    this.state.matrix = IDENTITY
  }

  transform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    this.state.matrix = multiply(this.state.matrix, [a, b, c, d, e, f])
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
  moveTo(x: number, y: number): void {
    this.path.moveTo(x, y)
  }
  lineTo(x: number, y: number): void {
    this.path.lineTo(x, y)
  }
  bezierCurveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number): void {
    this.path.bezierCurveTo(x1, y1, x2, y2, x, y)
  }
  quadraticCurveTo(cx: number, cy: number, x: number, y: number): void {
    this.path.quadraticCurveTo(cx, cy, x, y)
  }
  arc(x: number, y: number, radius: number, start: number, end: number, anticlockwise?: boolean): void {
    this.path.arc(x, y, radius, start, end, anticlockwise)
  }
  ellipse(
    x: number,
    y: number,
    radiusX: number,
    radiusY: number,
    rotation: number,
    start: number,
    end: number,
    anticlockwise?: boolean,
  ): void {
    this.path.ellipse(x, y, radiusX, radiusY, rotation, start, end, anticlockwise)
  }
  rect(x: number, y: number, width: number, height: number): void {
    this.path.rect(x, y, width, height)
  }
  closePath(): void {
    this.path.closePath()
  }

  // --- painting ---
  fill(rule: FillRule = 'nonzero'): void {
    const colour = this.paint(this.state.fillStyle)
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
    const colour = this.paint(this.state.fillStyle)
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
    const colour = this.paint(this.state.fillStyle)
    if (colour === undefined || text === '') return
    const font = this.chartFont()
    const width = this.surface.text.width(text, font)
    // Canvas squeezes text wider than maxWidth horizontally rather than overflow.
    const squeeze = maxWidth !== undefined && maxWidth > 0 && width > maxWidth ? maxWidth / width : 1
    const matrix = multiply(this.state.matrix, [squeeze, 0, 0, 1, x * (1 - squeeze), 0])
    this.surface.fillText({
      text,
      font,
      x: x - this.alignOffset(width),
      y: y + this.baselineOffset(font),
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
    const left = this.alignOffset(width)
    const baseline = this.baselineOffset(font)
    return {
      width,
      actualBoundingBoxLeft: left,
      actualBoundingBoxRight: width - left,
      actualBoundingBoxAscent: ascent - baseline,
      actualBoundingBoxDescent: descent + baseline,
    }
  }

  private chartFont(): ChartFont {
    return parseFont(this.state.font)
  }

  /** How far left of x the text starts. */
  private alignOffset(width: number): number {
    const rtl = this.state.direction === 'rtl'
    switch (this.state.textAlign) {
      case 'left':
        return 0
      case 'right':
        return width
      case 'center':
        return width / 2
      case 'start':
        return rtl ? width : 0
      case 'end':
        return rtl ? 0 : width
    }
  }

  /** How far below y the alphabetic baseline lies, for the current textBaseline. */
  private baselineOffset(font: ChartFont): number {
    const { ascent, descent } = this.surface.text.metrics(font)
    switch (this.state.textBaseline) {
      case 'top':
        return ascent
      case 'hanging':
        return ascent * 0.8
      case 'middle':
        return (ascent - descent) / 2
      case 'alphabetic':
        return 0
      case 'ideographic':
      case 'bottom':
        return -descent
    }
  }

  private rectangle(x: number, y: number, width: number, height: number): PathBuilder['segments'] {
    const rect = new PathBuilder(() => this.state.matrix)
    rect.rect(x, y, width, height)
    return rect.segments
  }

  /** The colour to paint with, globalAlpha applied; nothing when it is fully transparent. */
  private paint(style: string): Colour | undefined {
    const colour = parseColour(style)
    const alpha = colour.alpha * this.state.globalAlpha
    return alpha <= 0 ? undefined : { rgb: colour.rgb, alpha }
  }

  private strokeStyleNow(): StrokeStyle | undefined {
    const colour = this.paint(this.state.strokeStyle)
    if (colour === undefined) return undefined
    const scale = lengthScale(this.state.matrix)
    return {
      colour,
      width: this.state.lineWidth * scale,
      cap: this.state.lineCap,
      join: this.state.lineJoin,
      miterLimit: this.state.miterLimit,
      dash: this.state.dash.map((length) => length * scale),
      dashOffset: this.state.lineDashOffset * scale,
    }
  }
}
