import type { Colour } from './css.ts'
import type { Segment } from './path.ts'
import type { ChartSurface, FillRule, StrokeStyle, TextDraw } from './surface.ts'
import type { TextMetrics } from './text-metrics.ts'

const FAMILY = "'Noto Sans', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif"

/** Two decimals are a hundredth of a point: invisible, and half the size of full precision. */
const n = (value: number): string => String(Math.round(value * 100) / 100)

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

function colourAttributes(kind: 'fill' | 'stroke', colour: Colour): string {
  const [r, g, b] = colour.rgb.map((channel) => Math.round(channel))
  const opacity = colour.alpha < 1 ? ` ${kind}-opacity="${n(colour.alpha)}"` : ''
  return `${kind}="rgb(${r},${g},${b})"${opacity}`
}

/**
 * Paints a chart as an inline SVG for the HTML report. Text is real text, stretched to the width
 * measured with the report's fonts (`textLength`), so labels fit even where Noto Sans is not installed.
 */
export class SvgSurface implements ChartSurface {
  private readonly parts: string[] = []
  /** Per open save(): how many clip groups it opened. */
  private readonly groups: number[] = [0]
  private clips = 0

  constructor(
    readonly text: TextMetrics,
    private readonly width: number,
    private readonly height: number,
    private readonly id: string,
  ) {}

  toString(): string {
    const close = '</g>'.repeat(this.groups.reduce((sum, count) => sum + count, 0))
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="${n(this.width)}" height="${n(this.height)}" ` +
      `viewBox="0 0 ${n(this.width)} ${n(this.height)}" font-family="${FAMILY}">${this.parts.join('')}${close}</svg>`
    )
  }

  save(): void {
    this.groups.push(0)
  }

  restore(): void {
    const open = this.groups.pop() ?? 0
    this.parts.push('</g>'.repeat(open))
    if (this.groups.length === 0) this.groups.push(0)
  }

  fill(path: readonly Segment[], colour: Colour, rule: FillRule): void {
    if (path.length === 0) return
    this.parts.push(`<path d="${pathData(path)}" ${colourAttributes('fill', colour)}${fillRule(rule)}/>`)
  }

  stroke(path: readonly Segment[], style: StrokeStyle): void {
    if (path.length === 0) return
    const dash =
      style.dash.length === 0
        ? ''
        : ` stroke-dasharray="${style.dash.map(n).join(' ')}" stroke-dashoffset="${n(style.dashOffset)}"`
    this.parts.push(
      `<path d="${pathData(path)}" fill="none" ${colourAttributes('stroke', style.colour)} stroke-width="${n(style.width)}"` +
        ` stroke-linecap="${style.cap}" stroke-linejoin="${style.join}" stroke-miterlimit="${n(style.miterLimit)}"${dash}/>`,
    )
  }

  clip(path: readonly Segment[], rule: FillRule): void {
    const id = `${this.id}-clip${++this.clips}`
    const clipRule = rule === 'evenodd' ? ' clip-rule="evenodd"' : ''
    this.parts.push(
      `<clipPath id="${id}"><path d="${pathData(path)}"${clipRule}/></clipPath><g clip-path="url(#${id})">`,
    )
    const last = this.groups.length - 1
    this.groups[last] = (this.groups[last] ?? 0) + 1
  }

  fillText(draw: TextDraw): void {
    const [a, b, c, d, e, f] = draw.matrix
    const transform =
      a === 1 && b === 0 && c === 0 && d === 1 && e === 0 && f === 0
        ? ''
        : ` transform="matrix(${[a, b, c, d, e, f].map(n).join(' ')})"`
    const weight = draw.font.face === 'bold' ? ' font-weight="bold"' : ''
    const style = draw.font.face === 'italic' ? ' font-style="italic"' : ''
    const width = this.text.width(draw.text, draw.font)
    this.parts.push(
      `<text x="${n(draw.x)}" y="${n(draw.y)}" font-size="${n(draw.font.size)}"${weight}${style} ` +
        `${colourAttributes('fill', draw.colour)} textLength="${n(width)}" lengthAdjust="spacingAndGlyphs"${transform}>` +
        `${escapeXml(draw.text)}</text>`,
    )
  }
}

function fillRule(rule: FillRule): string {
  return rule === 'evenodd' ? ' fill-rule="evenodd"' : ''
}

function pathData(path: readonly Segment[]): string {
  return path
    .map((segment) => {
      switch (segment.op) {
        case 'move':
          return `M${n(segment.x)} ${n(segment.y)}`
        case 'line':
          return `L${n(segment.x)} ${n(segment.y)}`
        case 'curve':
          return `C${[segment.x1, segment.y1, segment.x2, segment.y2, segment.x, segment.y].map(n).join(' ')}`
        case 'close':
          return 'Z'
      }
    })
    .join('')
}
