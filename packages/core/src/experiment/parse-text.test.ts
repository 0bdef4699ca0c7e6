import { describe, expect, it } from 'vitest'
import { detectFormat, parseText } from './parse-text.ts'

describe('parseText', () => {
  it('reports JSON errors with line and column', async () => {
    const result = await parseText('{\n  "title": "x",\n  oops\n}', 'json')
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^invalid JSON at line 3, column 3/) })
  })
  it('reads YAML 1.1 like PyYAML safe_load (yes/no are booleans, y/n are strings)', async () => {
    expect(await parseText('a: yes\nb: no\nc: 1.5\ny: n\n', 'yaml')).toEqual({
      ok: true,
      value: { a: true, b: false, c: 1.5, y: 'n' },
    })
  })
  it('refuses custom tags instead of interpreting them', async () => {
    const result = await parseText('a: !!python/object:os.system ls\n', 'yaml')
    expect(result.ok).toBe(false)
  })
  it('reports YAML errors with a position', async () => {
    const result = await parseText('a: [1, 2\nb: 3\n', 'yaml')
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(/^invalid YAML at line \d+, column \d+/),
    })
  })
  it('picks the format from the extension, else from the content', () => {
    expect(detectFormat('x.YML', '')).toBe('yaml')
    expect(detectFormat('x.json', '')).toBe('json')
    expect(detectFormat('x', ' {"a":1}')).toBe('json')
    expect(detectFormat('https://h/x.yaml?raw=1', '')).toBe('yaml')
  })
})

describe('JSON error positions', () => {
  it.each([
    ['{"a": [}', 1, 8, '"}"'],
    ['{\n  "a": 1,\n}', 3, 1, '"}"'],
    ['{"a": tru}', 1, 10, '"}"'],
    ['{"a": 1', 1, 8, 'the end of the file'],
    ['{"a": 1} x', 1, 10, '"x"'],
  ])('%j fails at line %i, column %i', async (text, line, column, found) => {
    expect(await parseText(text, 'json')).toEqual({
      ok: false,
      error: `invalid JSON at line ${line}, column ${column}: unexpected ${found}`,
    })
  })
})
