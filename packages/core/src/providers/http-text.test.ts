import { describe, expect, it } from 'vitest'
import { encodingOf, responseText } from './http-text.ts'

describe('encodingOf (requests.utils.get_encoding_from_headers)', () => {
  it.each([
    ['text/plain; charset=iso-8859-1', 'iso-8859-1'],
    ['text/plain', 'ISO-8859-1'],
    ['Text/Plain', undefined],
    ['application/json', 'utf-8'],
    ['application/json; charset="windows-1252"', 'windows-1252'],
    ['application/octet-stream', undefined],
    ["text/html; CHARSET = 'utf-8' ", 'utf-8'],
    ['text/plain; charset=a; charset=latin-1', 'latin-1'],
    ['application/xml;charset', undefined],
  ])('%s → %s', (contentType, expected) => {
    expect(encodingOf(contentType)).toBe(expected)
  })
})

describe('responseText (requests Response.text)', () => {
  const latin1 = Buffer.from('café ünd ÿ\n', 'latin1')
  it("honours the response's charset", () => {
    expect(responseText(latin1, 'text/plain; charset=iso-8859-1')).toBe('café ünd ÿ\n')
    expect(responseText(Buffer.from('café', 'utf8'), 'text/plain; charset=utf-8')).toBe('café')
  })
  it('reads a text type without a charset as ISO-8859-1, as requests does', () => {
    expect(responseText(Buffer.from('café', 'utf8'), 'text/plain')).toBe('cafÃ©')
  })
  it('falls back to UTF-8 for an unknown charset or no Content-Type', () => {
    expect(responseText(latin1, 'text/plain; charset=nonsense')).toBe('caf\uFFFD \uFFFDnd \uFFFD\n')
    expect(responseText(Buffer.from('café', 'utf8'), undefined)).toBe('café')
  })
  it('is empty for an empty body', () => {
    expect(responseText(Buffer.alloc(0), 'text/plain; charset=utf-16')).toBe('')
  })
})
