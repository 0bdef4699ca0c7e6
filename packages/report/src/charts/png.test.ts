import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { encodeRgbPng } from './png.ts'

describe('encodeRgbPng', () => {
  it('writes an RGB PNG whose pixels decode back, alpha dropped', () => {
    // 2×2: red, green / blue, white; alpha 255 as the opaque chart canvas gives.
    const rgba = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255])
    const png = encodeRgbPng(rgba, 2, 2)
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]))
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR')
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([2, 2, 8, 2])
    const idatLength = png.readUInt32BE(33)
    expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT')
    const raw = inflateSync(png.subarray(41, 41 + idatLength))
    // Each row: filter 1 (Sub), then each byte as the difference from the pixel to its left.
    expect([...raw]).toEqual([1, 255, 0, 0, 1, 255, 0, 1, 0, 0, 255, 255, 255, 0])
  })

  it('checksums each chunk as PNG requires (CRC-32 of type and data)', () => {
    const png = encodeRgbPng(new Uint8Array(4 * 4 * 4).fill(255), 4, 4)
    // IHDR: 4 length + 4 type + 13 data, then the CRC.
    const crc = png.readUInt32BE(8 + 4 + 4 + 13)
    expect(crc).toBe(crc32(png.subarray(12, 12 + 4 + 13)))
  })
})

/** Bitwise CRC-32, written differently from the table-driven one under test. */
function crc32(data: Uint8Array): number {
  let crc = ~0
  for (const byte of data) {
    crc ^= byte
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1))
  }
  return ~crc >>> 0
}
