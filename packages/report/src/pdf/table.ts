import { HEADER_FILL, MUTED, RULE, ZEBRA_FILL } from '../palette.ts'
import { truncate } from '../text/format.ts'
import type { FontRole, PdfWriter } from './writer.ts'

export interface Column {
  header: string
  /** Share of the text width, 0–1. */
  width: number
}

export type Cell = string | { text: string; color?: string; font?: FontRole }

const SIZE = 8
const PAD = 3
/** A cell longer than this is cut: tables summarise, the activity details show the rest. */
const MAX_CELL_CHARS = 300

/** A table that breaks across pages cleanly, repeating its header on each new page. */
export function drawTable(writer: PdfWriter, columns: Column[], rows: Cell[][]): void {
  const widths = columns.map((column) => column.width * writer.width)
  const header = columns.map((column) => ({ text: column.header, font: 'bold' as const, color: MUTED }))
  const measure = (cells: Cell[]) =>
    Math.max(
      ...cells.map((cell, index) => {
        const { text, font } = normalise(cell)
        return writer.heightOf(text, { font, size: SIZE }, (widths[index] ?? 0) - 2 * PAD)
      }),
    ) +
    2 * PAD
  const headerHeight = measure(header)
  const drawRow = (cells: Cell[], height: number, fill: string | undefined) => {
    const y = writer.y
    if (fill !== undefined) writer.doc.rect(writer.left, y, writer.width, height).fill(fill)
    let x = writer.left
    cells.forEach((cell, index) => {
      const { text, font, color } = normalise(cell)
      const width = (widths[index] ?? 0) - 2 * PAD
      writer.write(
        text,
        { font, size: SIZE, ...(color === undefined ? {} : { color }) },
        { x: x + PAD, y: y + PAD, width },
      )
      x += widths[index] ?? 0
    })
    writer.doc.y = y + height
    writer.doc
      .moveTo(writer.left, writer.doc.y)
      .lineTo(writer.left + writer.width, writer.doc.y)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke()
  }
  const first = rows[0] === undefined ? 0 : measure(rows[0])
  writer.ensure(headerHeight + first)
  drawRow(header, headerHeight, HEADER_FILL)
  rows.forEach((row, index) => {
    const height = measure(row)
    if (writer.y + height > writer.bottom) {
      writer.newPage()
      drawRow(header, headerHeight, HEADER_FILL)
    }
    drawRow(row, height, index % 2 === 1 ? ZEBRA_FILL : undefined)
  })
  writer.gap(8)
}

function normalise(cell: Cell): { text: string; font: FontRole; color: string | undefined } {
  if (typeof cell === 'string')
    return { text: truncate(cell, MAX_CELL_CHARS), font: 'regular', color: undefined }
  return { text: truncate(cell.text, MAX_CELL_CHARS), font: cell.font ?? 'regular', color: cell.color }
}
