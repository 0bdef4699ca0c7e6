import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The PDF's text as poppler extracts it (the charts' labels included, when they are real text). */
export function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' })
}

/** Images embedded in the PDF, as `pdfimages -list` lists them: charts drawn as vectors add none. */
export function pdfImageCount(path: string): number {
  const lines = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).trim().split('\n')
  // A header line and a rule, then one line per image.
  return lines.length - 2
}

/**
 * How many pixels of each page, rendered by poppler at 36 dpi, have the colour `hex` (within a few
 * levels of anti-aliasing): where a chart's bars in that colour landed.
 */
export function pixelsOfColour(path: string, hex: string): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'steadystate-pdf-pages-'))
  execFileSync('pdftoppm', ['-r', '36', path, join(dir, 'page')])
  const target = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16))
  return readdirSync(dir)
    .sort()
    .map((file) => {
      const { width, height, pixels } = readPpm(readFileSync(join(dir, file)))
      let count = 0
      for (let i = 0; i < width * height * 3; i += 3) {
        if (target.every((value, channel) => Math.abs((pixels[i + channel] ?? 0) - value) <= 6)) count++
      }
      return count
    })
}

/** A binary PPM (P6, 8 bits), as pdftoppm writes by default. */
function readPpm(data: Buffer): { width: number; height: number; pixels: Buffer } {
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 64).toString('latin1'))
  if (header === null) throw new Error('not a binary PPM with 8-bit channels')
  return {
    width: Number(header[1]),
    height: Number(header[2]),
    pixels: data.subarray(header[0].length),
  }
}
