import { inflateSync } from 'node:zlib'

/**
 * The PDF's content streams, inflated, joined: page drawing operators can be checked without a
 * PDF parser (pdfkit writes each stream as `stream\n…\nendstream`, Flate-compressed).
 */
export function inflatedStreams(pdf: Buffer): string {
  const text = pdf.toString('latin1')
  const parts: string[] = []
  for (const match of text.matchAll(/\/FlateDecode[^]*?stream\n([^]*?)\nendstream/g)) {
    try {
      parts.push(inflateSync(Buffer.from(match[1] ?? '', 'latin1')).toString('latin1'))
    } catch {
      // Not every Flate stream ends at the first `endstream` its bytes contain; fonts are skipped.
    }
  }
  return parts.join('\n')
}

/** `#rrggbb` as the `r g b scn` fill operator pdfkit writes (channels 0-1, as JavaScript prints them). */
export function fillOperator(hex: string): string {
  const channels = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255)
  return `${channels.map(String).join(' ')} scn`
}
