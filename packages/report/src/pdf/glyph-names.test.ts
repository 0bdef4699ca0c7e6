import PDFDocument from 'pdfkit'
import { describe, expect, it } from 'vitest'
import { resolveFonts } from './fonts.ts'
import { withoutGlyphNames } from './glyph-names.ts'

const fonts = resolveFonts()
const HEADER = [
  'italicAngle',
  'underlinePosition',
  'underlineThickness',
  'isFixedPitch',
  'minMemType42',
  'maxMemType42',
  'minMemType1',
  'maxMemType1',
] as const

/** The fontkit font pdfkit opens for `file`, in a document of its own. */
function fontkitFont(file: string): Record<string, unknown> {
  const doc = new PDFDocument({ font: file })
  return Reflect.get(Reflect.get(doc, '_font') as object, 'font') as Record<string, unknown>
}

function header(font: Record<string, unknown>): Record<string, unknown> {
  const post = font.post as Record<string, unknown>
  return Object.fromEntries(HEADER.map((field) => [field, post[field]]))
}

describe('withoutGlyphNames', () => {
  it.each(
    Object.entries({ regular: fonts.regular, bold: fonts.bold, italic: fonts.italic, mono: fonts.mono }),
  )('keeps the post header fontkit decodes, without the glyph names (%s)', (_role, file) => {
    const decoded = fontkitFont(file)
    const headerOnly = fontkitFont(file)
    withoutGlyphNames(headerOnly)
    expect(header(headerOnly)).toEqual(header(decoded))
    expect((decoded.post as { names?: unknown[] }).names?.length).toBeGreaterThan(1000)
    expect(headerOnly.post).toMatchObject({ version: 3 })
    expect(headerOnly.post).not.toHaveProperty('names')
  })

  it('gives the italic angle pdfkit embeds', () => {
    const italic = fontkitFont(fonts.italic)
    withoutGlyphNames(italic)
    expect(italic.italicAngle).toBeLessThan(0)
  })

  it('leaves a table that was already decoded, and anything that is not a fontkit font, alone', () => {
    const font = fontkitFont(fonts.regular)
    const post = font.post
    withoutGlyphNames(font)
    expect(font.post).toBe(post)
    expect(() => withoutGlyphNames({})).not.toThrow()
    expect(() => withoutGlyphNames(undefined)).not.toThrow()
  })
})
