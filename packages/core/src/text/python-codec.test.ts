import { describe, expect, it } from 'vitest'
import { decodeAsPython } from './python-codec.ts'

// Each expectation is what CPython 3.11 printed for `str(bytes, encoding, errors="replace")`.
const bytes = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x80, 0x81, 0xff])

describe('decodeAsPython', () => {
  it.each([
    ['iso-8859-1', 'caf\xe9\x80\x81\xff'],
    ['ISO_8859-1', 'caf\xe9\x80\x81\xff'],
    ['latin1', 'caf\xe9\x80\x81\xff'],
    ['us-ascii', 'caf\uFFFD\uFFFD\uFFFD\uFFFD'],
    ['windows-1252', 'caf\xe9\u20ac\uFFFD\xff'],
    ['utf-8', 'caf\u9001\uFFFD'],
    ['UTF8', 'caf\u9001\uFFFD'],
    ['utf-16', '\u6163\ue966\u8180\uFFFD'],
    ['shift_jis', 'caf\u9a3e\uFFFD\uFFFD'],
    ['koi8-r', 'caf\u0418\u2500\u2502\u042a'],
    ['iso-8859-2', 'caf\xe9\x80\x81\u02d9'],
  ])('decodes as Python does with %s', (encoding, expected) => {
    expect(decodeAsPython(bytes, encoding)).toBe(expected)
  })

  it('replaces invalid UTF-8 as Python does (maximal subparts)', () => {
    const invalid = Buffer.from([0xe2, 0x82, 0x61, 0xf0, 0x80, 0x80, 0xc0, 0xaf])
    expect(decodeAsPython(invalid, 'utf-8')).toBe('\uFFFDa' + '\uFFFD'.repeat(5))
  })

  it('reads the byte order mark of utf-16 and drops the one of utf-8-sig', () => {
    expect(decodeAsPython(Buffer.from([0xfe, 0xff, 0x00, 0x68, 0x00, 0x69]), 'utf-16')).toBe('hi')
    expect(decodeAsPython(Buffer.from([0xef, 0xbb, 0xbf, 0x68]), 'utf-8-sig')).toBe('h')
  })

  it('says so when Python has no such codec', () => {
    expect(decodeAsPython(bytes, 'nonsense')).toBeUndefined()
  })
})
