import { describe, expect, it } from 'vitest'
import { parseColour, parseFont } from './css.ts'

describe('parseColour', () => {
  it('reads the colour strings chart.js writes', () => {
    expect(parseColour('#2563eb')).toEqual({ rgb: [37, 99, 235], alpha: 1 })
    expect(parseColour('#fff')).toEqual({ rgb: [255, 255, 255], alpha: 1 })
    expect(parseColour('#00000080')).toEqual({ rgb: [0, 0, 0], alpha: 128 / 255 })
    expect(parseColour('rgba(0,0,0,0.1)')).toEqual({ rgb: [0, 0, 0], alpha: 0.1 })
    expect(parseColour('rgb(37, 99, 235)')).toEqual({ rgb: [37, 99, 235], alpha: 1 })
    expect(parseColour('rgb(100% 0% 0% / 50%)')).toEqual({ rgb: [255, 0, 0], alpha: 0.5 })
    expect(parseColour('transparent').alpha).toBe(0)
    expect(parseColour('White')).toEqual({ rgb: [255, 255, 255], alpha: 1 })
  })

  it('names a colour it cannot read instead of drawing it black', () => {
    expect(() => parseColour('hsl(10, 50%, 50%)')).toThrow(
      'chart colour "hsl(10, 50%, 50%)" is not a colour the chart renderer reads',
    )
  })
})

describe('parseFont', () => {
  it('reads weight, style and size from canvas font strings; the family is always the report font', () => {
    expect(parseFont('normal 7.5px Noto Sans')).toEqual({ face: 'regular', size: 7.5 })
    expect(parseFont("normal bold 12px 'Helvetica Neue', Arial")).toEqual({ face: 'bold', size: 12 })
    expect(parseFont('italic 600 9px serif')).toEqual({ face: 'bold', size: 9 })
    expect(parseFont('italic 9px serif')).toEqual({ face: 'italic', size: 9 })
    expect(parseFont('.5px x')).toEqual({ face: 'regular', size: 0.5 })
  })
})
