import PDFDocument from 'pdfkit'
import { describe, expect, it, vi } from 'vitest'
import { resolveFonts } from './fonts.ts'
import type { Doc } from './pdfkit-types.ts'
import { FEATURES, selectFont } from './text-shaping.ts'

const fonts = resolveFonts()
const MIXED =
  'Ünïcödé e\u0301 ½ 1\u20442 שלום مرحبا Ελληνικά Кириллица office ffi नमस्ते → ✓ (paren) 200 OK ' +
  'a-long-unbroken-token-'.repeat(6)

/** An uncompressed document dated the same as any other, and its bytes once ended. */
function document(): { doc: Doc; bytes: () => Promise<string> } {
  const doc = new PDFDocument({ compress: false, font: fonts.regular, info: { CreationDate: new Date(0) } })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise((resolve) => doc.on('end', resolve))
  return {
    doc,
    bytes: async () => {
      doc.end()
      await ended
      return Buffer.concat(chunks).toString('latin1')
    },
  }
}

/** Wraps, measures and writes the same texts twice in each font, as the report's sections do. */
function writeTwice(doc: Doc, select: (file: string) => void): number[] {
  const measured: number[] = []
  for (const file of [fonts.regular, fonts.bold, fonts.mono, fonts.regular]) {
    select(file)
    for (const text of [MIXED, 'ok', 'terminate-db-pod', MIXED]) {
      measured.push(doc.heightOfString(text, { width: 300, features: FEATURES }))
      measured.push(doc.widthOfString(text, { features: FEATURES }))
      doc.text(text, { width: 300, features: FEATURES })
    }
  }
  return measured
}

/** The fontkit font under pdfkit's current font, whose layout calls are counted. */
function fontkitFont(doc: Doc): { layout: (...args: unknown[]) => unknown } {
  return Reflect.get(Reflect.get(doc, '_font') as object, 'font') as {
    layout: (...args: unknown[]) => unknown
  }
}

describe('selectFont', () => {
  it('writes the same PDF as pdfkit laying out every call afresh', async () => {
    const plain = document()
    const cached = document()
    const plainWidths = writeTwice(plain.doc, (file) => plain.doc.font(file))
    const cachedWidths = writeTwice(cached.doc, (file) => selectFont(cached.doc, file))
    expect(cachedWidths).toEqual(plainWidths)
    expect(await cached.bytes()).toBe(await plain.bytes())
  })

  it('lays out a text once per font, and texts without the features (or very long ones) each time', () => {
    const { doc } = document()
    selectFont(doc, fonts.bold)
    const layout = vi.spyOn(fontkitFont(doc), 'layout')
    doc.widthOfString('Result', { features: FEATURES })
    selectFont(doc, fonts.regular)
    selectFont(doc, fonts.bold)
    doc.widthOfString('Result', { features: FEATURES })
    expect(layout).toHaveBeenCalledTimes(1)
    doc.widthOfString('x'.repeat(300), { features: FEATURES })
    doc.widthOfString('x'.repeat(300), { features: FEATURES })
    expect(layout).toHaveBeenCalledTimes(3)
  })
})
