import { CJK } from '../cjk.ts'
import type { FontFiles } from '../../pdf/fonts.ts'
import type { Doc } from '../../pdf/pdfkit-types.ts'
import { FEATURES, selectFont } from '../../pdf/text-shaping.ts'
import type { ChartFont, FontFace } from './css.ts'

/** A stretch of text in one font file: CJK characters get the CJK font where it is installed. */
export interface FontRun {
  text: string
  file: string
  cjk: boolean
}

/** Vertical metrics of a font, in chart units at the given size (ascent up, descent down, both positive). */
export interface VerticalMetrics {
  ascent: number
  descent: number
}

const CJK_RUNS = new RegExp(`(${CJK.source}+)`, 'u')

/**
 * Measures chart text with the report's fonts through pdfkit's font engine (fontkit), so that
 * chart.js lays out labels with the widths they are drawn at. Surfaces that write PDF use the same
 * document; the SVG surface gets a document of its own that is never written out.
 */
export class TextMetrics {
  private readonly vertical = new Map<string, { ascender: number; descender: number }>()
  private readonly widths = new Map<string, number>()

  constructor(
    readonly doc: Doc,
    private readonly files: FontFiles,
  ) {}

  runs(text: string, face: FontFace): FontRun[] {
    return text
      .split(CJK_RUNS)
      .filter((part) => part !== '')
      .map((part) => {
        const cjk = CJK.test(part)
        const cjkFile = face === 'bold' ? this.files.cjkBold : this.files.cjk
        return { text: part, cjk, file: cjk && cjkFile !== undefined ? cjkFile : this.files[face] }
      })
  }

  /** Selects the run's font on the document, as drawing needs it. */
  use(run: FontRun, size: number): void {
    selectFont(this.doc, run.file).fontSize(size)
  }

  width(text: string, font: ChartFont): number {
    const key = `${font.face} ${font.size} ${text}`
    const cached = this.widths.get(key)
    if (cached !== undefined) return cached
    let width = 0
    for (const run of this.runs(text, font.face)) {
      this.use(run, font.size)
      width += this.doc.widthOfString(run.text, { features: FEATURES })
    }
    this.widths.set(key, width)
    return width
  }

  metrics(font: ChartFont): VerticalMetrics {
    const file = this.files[font.face]
    let units = this.vertical.get(file)
    if (units === undefined) {
      selectFont(this.doc, file)
      units = fontUnits(this.doc)
      this.vertical.set(file, units)
    }
    return { ascent: (units.ascender / 1000) * font.size, descent: (-units.descender / 1000) * font.size }
  }
}

/**
 * pdfkit keeps the current font's ascender and descender (in thousandths of an em) on its
 * undocumented `_font`; read defensively, with Noto Sans's own values if they ever move.
 */
function fontUnits(doc: Doc): { ascender: number; descender: number } {
  const font: unknown = Reflect.get(doc, '_font')
  const ascender: unknown =
    typeof font === 'object' && font !== null ? Reflect.get(font, 'ascender') : undefined
  const descender: unknown =
    typeof font === 'object' && font !== null ? Reflect.get(font, 'descender') : undefined
  return typeof ascender === 'number' && typeof descender === 'number'
    ? { ascender, descender }
    : { ascender: 1069, descender: -293 }
}
