/** A fontkit glyph: its advance, and the characters it was first made for (fontkit caches glyphs by id). */
interface Glyph {
  advanceWidth: number
  codePoints: number[]
}

/** The undocumented part of a fontkit font used here (pdfkit's embedded font keeps it as `font`). */
interface FontkitFont {
  layout(text: unknown, features?: unknown, ...more: unknown[]): unknown
  glyphForCodePoint(codePoint: number): Glyph
}

/** What pdfkit reads of a fontkit glyph run: glyphs, their positions and the total advance. */
export interface SimpleRun {
  glyphs: Glyph[]
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[]
  readonly advanceWidth: number
}

/**
 * Printable Latin-1 characters, but the soft hyphen (a default-ignorable character, which fontkit
 * hides). No mark, no right-to-left or complex script, no fraction slash among them.
 */
const SIMPLE = /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u00ff]+$/
const SIMPLE_CHARACTER = /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u00ff]$/

/**
 * Lays out printable Latin-1 text with `features` (every feature off) without fontkit's shaping
 * pipeline: one glyph per character from the font's character map, each advancing by its width.
 * That is what the pipeline gives for such text with these features (for the report's Noto fonts
 * the only features it still applies, rvrn/ltra/ltrm and fractions, have no lookups or need a
 * fraction slash; simple-layout.test.ts compares every such character and many strings), at a
 * fraction of its cost: it plans the features, selects scripts and walks the lookups for every
 * text. Anything else (other characters, features or arguments) goes to fontkit as before.
 */
export function simpleLayouts(font: unknown, features: unknown): void {
  if (!isFontkitFont(font)) return
  const layout = font.layout.bind(font)
  font.layout = (text, requested, ...more) =>
    (requested === features && more.length === 0 && typeof text === 'string' && SIMPLE.test(text)
      ? simpleRun(font, text)
      : undefined) ?? layout(text, requested, ...more)
}

/**
 * The run, or undefined (fontkit then lays the text out) where a glyph was first made for a
 * character that is not simple: fontkit hides a glyph (a space of no width) when the first
 * character it was made for is default-ignorable, such as a soft hyphen sharing a hyphen's glyph.
 */
function simpleRun(font: FontkitFont, text: string): SimpleRun | undefined {
  const glyphs: Glyph[] = []
  const positions: SimpleRun['positions'] = []
  for (let index = 0; index < text.length; index++) {
    const glyph = font.glyphForCodePoint(text.charCodeAt(index))
    const first = glyph.codePoints[0]
    if (first === undefined || !SIMPLE_CHARACTER.test(String.fromCharCode(first))) return undefined
    glyphs.push(glyph)
    positions.push({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 })
  }
  return {
    glyphs,
    positions,
    // A getter, as fontkit's: pdfkit scales the positions after layout, then reads the total.
    get advanceWidth() {
      return positions.reduce((width, position) => width + position.xAdvance, 0)
    },
  }
}

function isFontkitFont(font: unknown): font is FontkitFont {
  return (
    typeof font === 'object' &&
    font !== null &&
    typeof Reflect.get(font, 'layout') === 'function' &&
    typeof Reflect.get(font, 'glyphForCodePoint') === 'function'
  )
}
