/** The undocumented parts of a fontkit TrueType font used here: its table directory, bytes and decoded tables. */
interface TrueTypeFont {
  _tables: Record<string, unknown>
  directory: { tables: Record<string, { offset: number; length: number; compLength?: number } | undefined> }
  stream: { buffer: Uint8Array }
}

/** The fixed header of a `post` table, the part that is not glyph names. */
const POST_HEADER_BYTES = 32

/**
 * Gives a fontkit font the header of its `post` table only, decoded here, instead of the whole
 * table. pdfkit reads the header when it embeds a font (fixed pitch, italic angle), and fontkit then
 * decodes the table's thousands of glyph names one by one (Noto Sans: over 4,000; measured: more
 * than half of all font-table decoding in a seed report). Glyph names are used for nothing that
 * goes into the PDF: the embedded subset has no `post` table, and text is mapped to Unicode from
 * the characters laid out. The table is presented as version 3.0, the version without names, so
 * that a glyph's name reads as absent rather than failing. Fonts of another shape are left alone.
 */
export function withoutGlyphNames(font: unknown): void {
  if (!isTrueTypeFont(font) || 'post' in font._tables) return
  const table = font.directory.tables.post
  const bytes = font.stream.buffer
  // A WOFF font's tables are compressed (they have a compLength): not read here.
  if (table === undefined || table.compLength !== undefined || table.length < POST_HEADER_BYTES) return
  if (table.offset + POST_HEADER_BYTES > bytes.length) return
  const header = new DataView(bytes.buffer, bytes.byteOffset + table.offset, POST_HEADER_BYTES)
  // The same fields, numbers and fixed-point conversion as fontkit's own decoding of the header.
  const post = {
    version: 3,
    italicAngle: header.getInt32(4) / 65536,
    underlinePosition: header.getInt16(8),
    underlineThickness: header.getInt16(10),
    isFixedPitch: header.getUint32(12),
    minMemType42: header.getUint32(16),
    maxMemType42: header.getUint32(20),
    minMemType1: header.getUint32(24),
    maxMemType1: header.getUint32(28),
  }
  // fontkit decodes a table on first use and keeps it in _tables: this one is then never decoded.
  font._tables.post = post
}

function isTrueTypeFont(font: unknown): font is TrueTypeFont {
  if (typeof font !== 'object' || font === null) return false
  const directory: unknown = Reflect.get(font, 'directory')
  const stream: unknown = Reflect.get(font, 'stream')
  const tables: unknown =
    typeof directory === 'object' && directory !== null ? Reflect.get(directory, 'tables') : undefined
  const buffer: unknown =
    typeof stream === 'object' && stream !== null ? Reflect.get(stream, 'buffer') : undefined
  return typeof tables === 'object' && tables !== null && buffer instanceof Uint8Array
}
