import { describe, expect, it } from 'vitest'
import { decodeProcessOutput } from './process-output.ts'

describe('decodeProcessOutput', () => {
  it('reads UTF-8, undecodable bytes becoming U+FFFD', () => {
    expect(decodeProcessOutput(Buffer.from('café\n'))).toBe('café\n')
    expect(decodeProcessOutput(Buffer.from('café\n', 'latin1'))).toBe('caf\uFFFD\n')
  })

  it('follows a byte order mark, as the reference does', () => {
    expect(decodeProcessOutput(Buffer.from([0xef, 0xbb, 0xbf, 0x68, 0x69]))).toBe('hi')
    expect(decodeProcessOutput(Buffer.from('\uFEFFhi é', 'utf16le'))).toBe('hi é')
    expect(decodeProcessOutput(Buffer.from([0xfe, 0xff, 0x00, 0x68, 0x00, 0x69]))).toBe('hi')
  })
})
