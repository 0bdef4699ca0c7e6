import PDFDocument from 'pdfkit'
import { describe, expect, it } from 'vitest'
import { resolveFonts } from '../../pdf/fonts.ts'
import { VectorContext } from './context.ts'
import { SvgSurface } from './svg-surface.ts'
import { TextMetrics } from './text-metrics.ts'

const fonts = resolveFonts()
const metrics = new TextMetrics(new PDFDocument({ font: fonts.regular }), fonts)

function canvas(): { context: VectorContext; svg: () => string } {
  const surface = new SvgSurface(metrics, 200, 100, 't')
  return { context: new VectorContext(surface, 200, 100), svg: () => surface.toString() }
}

describe('VectorContext', () => {
  it('keeps the current path after painting it, so chart.js can fill then stroke it', () => {
    const { context, svg } = canvas()
    context.beginPath()
    context.rect(10, 10, 20, 5)
    context.fillStyle = '#2563eb'
    context.fill()
    context.strokeStyle = 'rgba(0,0,0,0.5)'
    context.lineWidth = 2
    context.stroke()
    expect(svg()).toContain('<path d="M10 10L30 10L30 15L10 15Z" fill="rgb(37,99,235)"/>')
    expect(svg()).toContain(
      '<path d="M10 10L30 10L30 15L10 15Z" fill="none" stroke="rgb(0,0,0)" stroke-opacity="0.5" stroke-width="2"',
    )
  })

  it('restores styles, transform and clipping with save() and restore()', () => {
    const { context, svg } = canvas()
    context.fillStyle = '#ff0000'
    context.save()
    context.translate(50, 0)
    context.beginPath()
    context.rect(0, 0, 10, 10)
    context.clip()
    context.fillStyle = '#00ff00'
    context.fillRect(0, 0, 5, 5)
    context.restore()
    context.fillRect(0, 0, 5, 5)
    expect(svg()).toContain(
      '<clipPath id="t-clip1"><path d="M50 0L60 0L60 10L50 10Z"/></clipPath><g clip-path="url(#t-clip1)">' +
        '<path d="M50 0L55 0L55 5L50 5Z" fill="rgb(0,255,0)"/></g><path d="M0 0L5 0L5 5L0 5Z" fill="rgb(255,0,0)"/>',
    )
  })

  it('measures with the report font and aligns text on its measured width', () => {
    const { context, svg } = canvas()
    context.font = 'normal 10px Noto Sans'
    const width = context.measureText('seconds').width
    expect(width).toBeCloseTo(metrics.width('seconds', { face: 'regular', size: 10 }), 6)
    expect(width).toBeGreaterThan(30)
    context.textAlign = 'right'
    context.textBaseline = 'alphabetic'
    context.fillStyle = '#374151'
    context.fillText('seconds', 100, 50)
    expect(svg()).toContain(`<text x="${Math.round((100 - width) * 100) / 100}" y="50" font-size="10"`)
    expect(svg()).toContain('>seconds</text>')
  })

  it('puts the baseline below y for top and middle, by the font ascent', () => {
    const { context } = canvas()
    context.font = '10px x'
    const { ascent } = metrics.metrics({ face: 'regular', size: 10 })
    context.textBaseline = 'top'
    expect(context.measureText('A').actualBoundingBoxAscent).toBeCloseTo(0, 6)
    context.textBaseline = 'alphabetic'
    expect(context.measureText('A').actualBoundingBoxAscent).toBeCloseTo(ascent, 6)
  })

  it('draws rotated text through a transform, as for slanted axis labels and axis titles', () => {
    const { context, svg } = canvas()
    context.translate(10, 90)
    context.rotate(-Math.PI / 2)
    context.font = 'bold 8px x'
    context.fillText('run duration (s)', 0, 0)
    expect(svg()).toMatch(
      /font-weight="bold" fill="rgb\(0,0,0\)" textLength="[\d.]+" lengthAdjust="spacingAndGlyphs"/,
    )
    expect(svg()).toContain('transform="matrix(0 -1 1 0 10 90)"')
  })

  it('applies line dashes and ignores dash lists the canvas ignores', () => {
    const { context, svg } = canvas()
    context.setLineDash([4, 2])
    context.setLineDash([1, -1])
    expect(context.getLineDash()).toEqual([4, 2])
    context.setLineDash([3])
    expect(context.getLineDash()).toEqual([3, 3])
    context.beginPath()
    context.moveTo(0, 0)
    context.lineTo(10, 0)
    context.stroke()
    expect(svg()).toContain('stroke-dasharray="3 3" stroke-dashoffset="0"')
  })

  it('paints nothing for transparent colours or a zero global alpha', () => {
    const { context, svg } = canvas()
    context.fillStyle = 'rgba(0,0,0,0)'
    context.fillRect(0, 0, 10, 10)
    context.fillStyle = '#000'
    context.globalAlpha = 0
    context.fillRect(0, 0, 10, 10)
    expect(svg()).not.toContain('<path')
  })
})
