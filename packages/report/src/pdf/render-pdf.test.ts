import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { spanColour } from '../palette.ts'
import { fixture } from '../../test-support/journals.ts'
import { fillOperator, inflatedStreams } from '../../test-support/pdf-streams.ts'
import { resolveFonts } from './fonts.ts'
import { renderPdf } from './render-pdf.ts'

/** PDF objects pdfkit writes uncompressed: enough to check structure without a PDF parser. */
function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0
}

describe('renderPdf', () => {
  it('renders one journal with charts, an outline and embedded Noto fonts', async () => {
    const rendered = await renderPdf([fixture('seed-kubernetes')], { now: new Date('2026-11-21T00:00:00Z') })
    const text = rendered.pdf.toString('latin1')
    expect(text.startsWith('%PDF-1.7')).toBe(true)
    expect(rendered.warnings).toEqual([])
    expect(rendered.pages).toBe(pageCount(rendered.pdf))
    expect(text).toContain('/Outlines')
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+NotoSans-Regular/)
    // Charts are vector paths on the page, not pictures: the timeline's hypothesis-probe bars and
    // the recovery chart's "ready" bars are filled in their colours.
    expect(text).not.toMatch(/\/Subtype \/Image/)
    const drawing = inflatedStreams(rendered.pdf)
    expect(drawing).toContain(fillOperator(spanColour('hypothesis')))
    expect(drawing).toContain(fillOperator('#1d4ed8'))
    // Only embedded fonts: pdfkit's built-in Helvetica is never used.
    expect(text).not.toContain('/BaseFont /Helvetica')
  })

  it('embeds the CJK font only when the text needs it', async () => {
    const latin = (await renderPdf([fixture('seed-kubernetes')], { charts: false })).pdf.toString('latin1')
    const cjk = (await renderPdf([fixture('interrupted-i18n')], { charts: false })).pdf.toString('latin1')
    expect(latin).not.toMatch(/NotoSansSC/)
    expect(cjk).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC-Regular/)
  })

  it('reads fonts from a folder, and without the CJK font still writes the text, saying so', async () => {
    // What a bundle without node_modules ships: the Latin fonts only, in one folder.
    const directory = mkdtempSync(join(tmpdir(), 'steadystate-fonts-'))
    const installed = resolveFonts()
    for (const file of [installed.regular, installed.bold, installed.italic, installed.mono])
      copyFileSync(file, join(directory, basename(file)))
    expect(resolveFonts(directory)).toMatchObject({ cjk: undefined, cjkBold: undefined })
    const latin = await renderPdf([fixture('seed-kubernetes')], { charts: false, fontDirectory: directory })
    expect(latin.warnings).toEqual([])
    const cjk = await renderPdf([fixture('interrupted-i18n')], { charts: false, fontDirectory: directory })
    expect(cjk.pages).toBe(pageCount(cjk.pdf))
    expect(cjk.pdf.toString('latin1')).not.toMatch(/NotoSansSC/)
    expect(cjk.pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSans-Regular/)
    expect(cjk.warnings).toEqual([
      'Chinese/Japanese text was drawn without its font (Noto Sans SC is not installed here): those characters may be missing',
    ])
  })

  it('draws tables instead of charts when asked, without a warning', async () => {
    const rendered = await renderPdf([fixture('seed-kubernetes')], { charts: false })
    expect(rendered.warnings).toEqual([])
    const drawing = inflatedStreams(rendered.pdf)
    expect(drawing).not.toContain(fillOperator(spanColour('hypothesis')))
    expect(drawing).not.toContain(fillOperator('#1d4ed8'))
  })

  it('renders several journals into one document with a trends section', async () => {
    const journals = [fixture('seed-kubernetes'), fixture('chaos-inline-secret'), fixture('interrupted-i18n')]
    const one = await renderPdf([journals[0]])
    const three = await renderPdf(journals, { title: 'Last three runs' })
    expect(three.pages).toBeGreaterThan(one.pages + 2)
    // Bookmarks: the trends section, then one entry per journal.
    expect(three.pdf.toString('latin1')).toContain('/Title (Trends)')
  })
})
