import { withoutGlyphNames } from './glyph-names.ts'
import type { Doc, PdfTextOptions } from './pdfkit-types.ts'
import { simpleLayouts } from './simple-layout.ts'

/**
 * OpenType features off for every text call (the charts' too). fontkit otherwise decodes and applies Noto's large
 * kerning, mark-positioning and ligature tables (measured: about half of a small report's render
 * time), and ligatures would turn "fi" into one glyph that text extraction garbles. fontkit takes
 * an object of feature switches; pdfkit passes it through but types it as a list of names.
 */
export const FEATURES = {
  ccmp: false,
  locl: false,
  rlig: false,
  mark: false,
  mkmk: false,
  calt: false,
  clig: false,
  liga: false,
  rclt: false,
  curs: false,
  kern: false,
} as unknown as PdfTextOptions['features']

/** Texts longer than this are laid out afresh each time (wrapped words and table cells are far shorter). */
const LONGEST_CACHED = 256
/**
 * Characters of laid-out text kept per font before the cache starts over, so that a huge report
 * stays bounded: a laid-out character holds about 120 bytes of glyphs and positions, so about 8 MiB
 * a font. Counted in characters, not texts: 4,096 texts of 256 characters held 112 MiB. A report
 * reuses a layout soon after making it (heightOfString, then text), so a small cache keeps the gain.
 */
const MOST_CACHED_CHARACTERS = 65_536

/** The undocumented part of pdfkit's embedded font (the document's `_font`) that is wrapped here. */
interface EmbeddedFont {
  layout(text: string, features?: unknown, onlyWidth?: boolean): unknown
  /** The fontkit font. */
  font: unknown
}

const prepared = new WeakSet<object>()

/**
 * Selects a font file (pdfkit caches the parsed font by path) for the following text calls, with
 * its layouts cached, simple text laid out without fontkit's shaping (simple-layout.ts) and
 * without its glyph names (glyph-names.ts). pdfkit keeps laid-out words only for calls without `features`: with them it
 * runs fontkit's whole shaping pipeline on every call, and wrapping measures each word for
 * `heightOfString` and again for `text` (about a third of a seed report's calls were unique). A
 * layout depends only on the font, the text and the features, so one kept per text of a font is
 * the very same glyphs and positions; pdfkit only reads them.
 */
export function selectFont(doc: Doc, file: string): Doc {
  doc.font(file)
  const font: unknown = Reflect.get(doc, '_font')
  if (isEmbeddedFont(font) && !prepared.has(font)) {
    cacheLayouts(font)
    simpleLayouts(font.font, FEATURES)
    withoutGlyphNames(font.font)
    prepared.add(font)
  }
  return doc
}

function cacheLayouts(font: EmbeddedFont): void {
  const layout = font.layout.bind(font)
  const runs = new Map<string, unknown>()
  let heldCharacters = 0
  font.layout = (text, features, onlyWidth) => {
    if (features !== FEATURES || text.length > LONGEST_CACHED) return layout(text, features, onlyWidth)
    let run = runs.get(text)
    if (run === undefined) {
      if (heldCharacters + text.length > MOST_CACHED_CHARACTERS) {
        runs.clear()
        heldCharacters = 0
      }
      run = layout(text, features)
      runs.set(text, run)
      heldCharacters += text.length
    }
    return run
  }
}

function isEmbeddedFont(font: unknown): font is EmbeddedFont {
  return typeof font === 'object' && font !== null && typeof Reflect.get(font, 'layout') === 'function'
}
