import { CJK } from '../charts/cjk.ts'
import { INK, MUTED, RULE } from '../palette.ts'
import type { FontFiles } from './fonts.ts'
import type { Doc, Outline, PdfTextOptions } from './pdfkit-types.ts'
import { FEATURES, selectFont } from './text-shaping.ts'

export type FontRole = 'regular' | 'bold' | 'italic' | 'mono'

export interface TextStyle {
  font?: FontRole
  size?: number
  color?: string
}

export type TextOptions = PdfTextOptions & { x?: number; y?: number }

const CJK_RUNS = new RegExp(`(${CJK.source}+)`, 'u')

/** The longest run of characters pdfkit gets without a place to break the line. */
const LONGEST_WORD = 40
const LONG_RUN = new RegExp(`[^\\s\u200b]{${LONGEST_WORD + 1},}`, 'gu')
const EVERY_WORD = new RegExp(`[^]{${LONGEST_WORD}}(?=[^])`, 'gu')

/**
 * Text with a zero-width space (a line-break opportunity, drawn as nothing) every 40 characters of
 * a long unbroken run: pdfkit wraps a word wider than the line by measuring the whole rest of the
 * word again for every line, quadratic in its length (a 50 KB token took over a minute).
 */
export function breakable(text: string): string {
  return text.replace(LONG_RUN, (run) => run.replace(EVERY_WORD, '$&\u200b'))
}

/**
 * The page and text primitives every section uses, over pdfkit: embedded fonts with a CJK fallback
 * per run of text, space checks before blocks so nothing is split awkwardly, and the outline.
 */
export class PdfWriter {
  readonly left: number
  readonly width: number
  /** Some Chinese/Japanese text had to be drawn without its font (not installed). */
  missingCjkFont = false

  constructor(
    readonly doc: Doc,
    private readonly fonts: FontFiles,
  ) {
    this.left = doc.page.margins.left
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom
  }

  get y(): number {
    return this.doc.y
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage()
  }

  newPage(): void {
    this.doc.addPage()
    this.doc.x = this.left
  }

  gap(points: number): void {
    this.doc.y += points
    this.doc.x = this.left
  }

  /** Writes text, switching to the CJK font for runs of Chinese/Japanese/Korean characters. */
  write(text: string, style: TextStyle = {}, options: TextOptions = {}): void {
    const { x, y, ...rest } = options
    const parts = breakable(text)
      .split(CJK_RUNS)
      .filter((part) => part !== '')
    if (parts.length === 0) parts.push('')
    parts.forEach((part, index) => {
      this.apply(style, CJK.test(part))
      const last = index === parts.length - 1
      const partOptions = { ...rest, features: FEATURES, continued: last ? (rest.continued ?? false) : true }
      if (index === 0 && x !== undefined && y !== undefined) this.doc.text(part, x, y, partOptions)
      else this.doc.text(part, partOptions)
    })
  }

  heightOf(text: string, style: TextStyle, width: number): number {
    this.apply(style, CJK.test(text))
    return this.doc.heightOfString(text === '' ? ' ' : breakable(text), { width, features: FEATURES })
  }

  widthOf(text: string, style: TextStyle): number {
    this.apply(style, CJK.test(text))
    return this.doc.widthOfString(breakable(text), { features: FEATURES })
  }

  /** A paragraph at the left margin, full width, then a small gap. */
  paragraph(text: string, style: TextStyle = {}, gap = 4): void {
    this.ensure(this.heightOf(text, style, this.width))
    this.write(text, style, { x: this.left, y: this.doc.y, width: this.width })
    this.gap(gap)
  }

  /**
   * A section title, kept on the same page as the first `keepWith` points of what follows it; with
   * a `parent`, it also gets an outline entry (returned, for children).
   */
  heading(text: string, level: 1 | 2 | 3, parent?: Outline, keepWith = 70): Outline | undefined {
    const size = level === 1 ? 16 : level === 2 ? 12.5 : 10.5
    this.ensure(size * 1.6 + 14 + keepWith)
    if (level < 3) this.gap(level === 1 ? 4 : 6)
    const item = parent?.addItem(text)
    this.write(text, { font: 'bold', size, color: INK }, { x: this.left, y: this.doc.y, width: this.width })
    if (level === 1) {
      const y = this.doc.y + 2
      this.doc
        .moveTo(this.left, y)
        .lineTo(this.left + this.width, y)
        .lineWidth(0.8)
        .strokeColor(RULE)
        .stroke()
      this.gap(8)
    } else this.gap(3)
    return item
  }

  note(text: string): void {
    this.paragraph(text, { font: 'italic', size: 8.5, color: MUTED })
  }

  private apply(style: TextStyle, cjk: boolean): void {
    const role = style.font ?? 'regular'
    const cjkFont = role === 'bold' ? this.fonts.cjkBold : this.fonts.cjk
    // Without the CJK font the text is still written (its characters may show as blanks), and the
    // report says so rather than failing.
    if (cjk && cjkFont === undefined) this.missingCjkFont = true
    const font = cjk && cjkFont !== undefined ? cjkFont : this.fonts[role]
    // Fonts are selected by path, pdfkit's cache key (and selectFont's). (A registered alias of the
    // document's default font is never cached by pdfkit: it would re-read the file on every switch.)
    // pdfkit reads a font only on first use, so the CJK font costs nothing in reports without such text.
    selectFont(this.doc, font)
      .fontSize(style.size ?? 9.5)
      .fillColor(style.color ?? INK)
  }
}
