import { deflateSync } from 'node:zlib'

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])

/**
 * Encodes the canvas's premultiplied RGBA pixels as an RGB PNG over white (chart.js leaves the
 * background transparent; a PDF image wants it opaque). The canvas's own encoder always writes RGBA, which
 * pdfkit must decode and split into an image and a soft mask in JavaScript (tens of ms per chart);
 * an RGB PNG is embedded as is. Rows use the PNG `Sub` filter, which suits flat chart colours.
 */
export function encodeRgbPng(rgba: Uint8Array, width: number, height: number): Buffer {
  const stride = width * 3 + 1
  const raw = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y++) {
    const row = y * stride
    const source = y * width * 4
    raw[row] = 1
    let r = 0
    let g = 0
    let b = 0
    for (let x = 0; x < width; x++) {
      const i = source + x * 4
      const o = row + 1 + x * 3
      // Premultiplied colour over white: c + (255 - alpha).
      const white = 255 - (rgba[i + 3] ?? 0)
      const nr = (rgba[i] ?? 0) + white
      const ng = (rgba[i + 1] ?? 0) + white
      const nb = (rgba[i + 2] ?? 0) + white
      raw[o] = (nr - r) & 255
      raw[o + 1] = (ng - g) & 255
      raw[o + 2] = (nb - b) & 255
      r = nr
      g = ng
      b = nb
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bits per channel
  header[9] = 2 // colour type: RGB
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

// zlib.crc32 only exists from Node 20.15; steadystate supports 20.10.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(data: Buffer): number {
  let crc = 0xffffffff
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 255] ?? 0) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}
