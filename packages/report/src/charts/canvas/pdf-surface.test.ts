import PDFDocument from 'pdfkit'
import { describe, expect, it } from 'vitest'
import { resolveFonts } from '../../pdf/fonts.ts'
import { VectorContext } from './context.ts'
import { PdfSurface } from './pdf-surface.ts'
import { TextMetrics } from './text-metrics.ts'

/** A page whose content stream stays readable, and a chart surface at (50, 100) on it. */
function page(): { doc: PDFKit.PDFDocument; surface: PdfSurface; content: () => Promise<string> } {
  const fonts = resolveFonts()
  const doc = new PDFDocument({ compress: false, font: fonts.regular })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise((resolve) => doc.on('end', resolve))
  doc.y = 300
  const surface = new PdfSurface(new TextMetrics(doc, fonts), { x: 50, y: 100 })
  return {
    doc,
    surface,
    content: async () => {
      doc.end()
      await ended
      return Buffer.concat(chunks).toString('latin1')
    },
  }
}

describe('PdfSurface', () => {
  it('draws in chart coordinates moved to the chart origin, between q and Q', async () => {
    const { surface, content } = page()
    const context = new VectorContext(surface, 100, 50)
    context.fillStyle = 'rgba(37, 99, 235, 0.5)'
    context.fillRect(1, 2, 3, 4)
    surface.finish()
    const stream = await content()
    expect(stream).toMatch(/q\n1 0 0 1 50 100 cm\n/)
    expect(stream).toContain('1 2 m\n4 2 l\n4 6 l\n1 6 l\nh\n')
    expect(stream).toMatch(/\/Gs\d+ gs\nf\nQ/)
  })

  it('writes text as text, and hands back the page text position it found', async () => {
    const { doc, surface, content } = page()
    const context = new VectorContext(surface, 100, 50)
    context.font = '7.5px x'
    context.fillText('seconds', 10, 20)
    surface.finish()
    expect(doc.y).toBe(300)
    expect(await content()).toMatch(/BT\n1 0 0 1 10 [\d.]+ Tm\n\/F\d+ 7.5 Tf\n/)
  })

  it('strokes with the canvas line dash, a zero entry (a dot) included', async () => {
    const { surface, content } = page()
    const context = new VectorContext(surface, 100, 50)
    context.setLineDash([0, 4])
    context.lineCap = 'round'
    context.beginPath()
    context.moveTo(0, 0)
    context.lineTo(40, 0)
    context.stroke()
    surface.finish()
    expect(await content()).toContain('[0.01 4] 0 d\nS')
  })
})
