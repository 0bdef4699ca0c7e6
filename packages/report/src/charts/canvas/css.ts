/** An sRGB colour, channels 0-255, and its opacity 0-1. */
export interface Colour {
  rgb: [number, number, number]
  alpha: number
}

const NAMED: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  grey: '#808080',
  gray: '#808080',
}

/**
 * The colour strings chart.js writes into a canvas: hex (3, 4, 6 or 8 digits), `rgb()`/`rgba()`
 * (its colour helper's output), `transparent` and a few names. Anything else is a mistake in a chart
 * configuration, reported as such rather than drawn black.
 */
export function parseColour(value: string): Colour {
  const text = value.trim().toLowerCase()
  if (text === 'transparent') return { rgb: [0, 0, 0], alpha: 0 }
  const named = NAMED[text]
  if (named !== undefined) return parseColour(named)
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(text)?.[1]
  if (hex !== undefined) {
    const digits =
      hex.length <= 4 ? (hex.match(/./g) ?? []).map((digit) => digit + digit) : (hex.match(/../g) ?? [])
    const [r = 0, g = 0, b = 0, a = 255] = digits.map((pair) => parseInt(pair, 16))
    return { rgb: [r, g, b], alpha: a / 255 }
  }
  const functional = /^rgba?\(([^)]*)\)$/.exec(text)?.[1]
  if (functional !== undefined) {
    const parts = functional.split(/[\s,/]+/).filter((part) => part !== '')
    if (parts.length === 3 || parts.length === 4) {
      const [r = 0, g = 0, b = 0] = parts.slice(0, 3).map((part) => channel(part, 255))
      const alpha = parts[3] === undefined ? 1 : channel(parts[3], 1)
      if (![r, g, b, alpha].some(Number.isNaN)) return { rgb: [r, g, b], alpha }
    }
  }
  throw new Error(`chart colour ${JSON.stringify(value)} is not a colour the chart renderer reads`)
}

/** A number, or a percentage of `full`, clamped to 0..full. */
function channel(part: string, full: number): number {
  const value = part.endsWith('%') ? (parseFloat(part) / 100) * full : parseFloat(part)
  return Math.min(full, Math.max(0, value))
}

export type FontFace = 'regular' | 'bold' | 'italic'

export interface ChartFont {
  face: FontFace
  /** In chart units (CSS pixels), which are PDF points here. */
  size: number
}

/**
 * The canvas `font` strings chart.js writes: `[style] [weight] <size>px <family>`. The family is
 * ignored: charts always use the report's own fonts (Noto Sans), as the PDF text does.
 */
export function parseFont(value: string): ChartFont {
  const size = /(\d+(?:\.\d+)?|\.\d+)px/.exec(value)?.[1]
  const before = value.slice(0, value.search(/(\d+(?:\.\d+)?|\.\d+)px/))
  const weight = /\b(bold|bolder|[6-9]00)\b/.test(before)
  const italic = /\b(italic|oblique)\b/.test(before)
  return {
    face: weight ? 'bold' : italic ? 'italic' : 'regular',
    size: size === undefined ? 10 : Number(size),
  }
}
