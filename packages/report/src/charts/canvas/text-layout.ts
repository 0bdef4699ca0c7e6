import type { VerticalMetrics } from './text-metrics.ts'

export type TextAlign = 'left' | 'right' | 'center' | 'start' | 'end'
export type TextBaseline = 'top' | 'hanging' | 'middle' | 'alphabetic' | 'ideographic' | 'bottom'
export type Direction = 'ltr' | 'rtl' | 'inherit'

/** How far left of the canvas's x a text of `width` starts, for `textAlign`. */
export function alignOffset(align: TextAlign, direction: Direction, width: number): number {
  const rtl = direction === 'rtl'
  switch (align) {
    case 'left':
      return 0
    case 'right':
      return width
    case 'center':
      return width / 2
    case 'start':
      return rtl ? width : 0
    case 'end':
      return rtl ? 0 : width
  }
}

/**
 * How far below the canvas's y the alphabetic baseline lies, for `textBaseline`: the same rules as
 * pdfkit's own baselines (top at the font's ascender, middle halfway between ascender and
 * descender), from the font's metrics.
 */
export function baselineOffset(baseline: TextBaseline, { ascent, descent }: VerticalMetrics): number {
  switch (baseline) {
    case 'top':
      return ascent
    case 'hanging':
      return ascent * 0.8
    case 'middle':
      return (ascent - descent) / 2
    case 'alphabetic':
      return 0
    case 'ideographic':
    case 'bottom':
      return -descent
  }
}
