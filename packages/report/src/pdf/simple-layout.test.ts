import PDFDocument from 'pdfkit'
import { describe, expect, it } from 'vitest'
import { resolveFonts } from './fonts.ts'
import { simpleLayouts } from './simple-layout.ts'
import { FEATURES } from './text-shaping.ts'

const fonts = resolveFonts()
const LATIN_FONTS = Object.entries({
  regular: fonts.regular,
  bold: fonts.bold,
  italic: fonts.italic,
  mono: fonts.mono,
})

interface Run {
  glyphs: { id: number; codePoints: number[]; advanceWidth: number }[]
  positions: Record<string, number>[]
  advanceWidth: number
}
interface Font {
  layout(text: string, features?: unknown): Run
  GSUB?: { featureList: { tag: string }[] }
  GPOS?: { featureList: { tag: string }[] }
}

/** The fontkit font pdfkit opens for `file`, in a document of its own. */
function fontkitFont(file: string): Font {
  const doc = new PDFDocument({ font: file })
  return Reflect.get(Reflect.get(doc, '_font') as object, 'font') as Font
}

/** What pdfkit reads of a run. */
function seen(run: Run): unknown {
  return {
    glyphs: run.glyphs.map((glyph) => [glyph.id, glyph.codePoints, glyph.advanceWidth]),
    positions: run.positions.map(({ xAdvance, yAdvance, xOffset, yOffset }) => [
      xAdvance,
      yAdvance,
      xOffset,
      yOffset,
    ]),
    advanceWidth: run.advanceWidth,
  }
}

/** Printable Latin-1 (laid out by simple-layout.ts), with punctuation and arrows around it (by fontkit). */
const SIMPLE_CHARACTERS = [
  [0x20, 0x7e],
  [0xa0, 0xff],
  [0x200b, 0x200b],
  [0x2010, 0x2027],
  [0x2030, 0x2043],
  [0x2045, 0x205e],
  [0x2190, 0x21ff],
].flatMap(([from = 0, to = 0]) =>
  Array.from({ length: to - from + 1 }, (_, index) => String.fromCharCode(from + index)),
)

/** Strings of simple characters, the same every run (a small linear congruential generator). */
function simpleStrings(count: number): string[] {
  let seed = 20261206
  const next = (limit: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed % limit
  }
  const words = [
    'soft\u00adhyphen',
    'zero\u200bwidth',
    '-\u00ad-',
    '“quoted” — ‘x’ … → ‹›',
    'office',
    'ffi',
    'fl',
    'AV',
    'To',
    'Wa',
    'résumé',
    '1/2',
    '--',
    '...',
    "'quoted'",
    '"x"',
    'ß',
    '×',
  ]
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + next(8) }, () =>
      next(3) === 0 ? words[next(words.length)] : SIMPLE_CHARACTERS[next(SIMPLE_CHARACTERS.length)],
    ).join(''),
  )
}

describe('simpleLayouts', () => {
  it.each(LATIN_FONTS)('lays out simple text as fontkit does (%s)', (_role, file) => {
    const shaped = fontkitFont(file)
    const simple = fontkitFont(file)
    simpleLayouts(simple, FEATURES)
    for (const text of [...SIMPLE_CHARACTERS, ...simpleStrings(400), SIMPLE_CHARACTERS.join('')]) {
      expect(seen(simple.layout(text, FEATURES)), text).toEqual(seen(shaped.layout(text, FEATURES)))
    }
  })

  it.each(LATIN_FONTS)('relies on features the font does not have (%s)', (_role, file) => {
    const font = fontkitFont(file)
    const tags = [...(font.GSUB?.featureList ?? []), ...(font.GPOS?.featureList ?? [])].map(({ tag }) => tag)
    // What fontkit's default shaper applies to left-to-right text with every switchable feature off.
    for (const tag of ['rvrn', 'ltra', 'ltrm']) expect(tags).not.toContain(tag)
  })

  it('leaves other text, other features and other calls to fontkit', () => {
    const simple = fontkitFont(fonts.regular)
    simpleLayouts(simple, FEATURES)
    for (const text of ['e\u0301', 'שלום', '1\u20442', 'Ελληνικά', 'a\u200cb', 'line\u2028break', '']) {
      expect(simple.layout(text, FEATURES)).toHaveProperty('script')
    }
    expect(simple.layout('plain', ['kern'])).toHaveProperty('script')
    expect(simple.layout('plain')).toHaveProperty('script')
    expect(simple.layout('plain', FEATURES)).not.toHaveProperty('script')
  })
})
