import { describe, expect, it } from 'vitest'
import { pyRepr, pyStr } from './python.ts'

describe('pyRepr', () => {
  // Each expected text is what CPython 3.11 prints for repr() of the same value.
  it.each([
    ['up', "'up'"],
    ["a'b", `"a'b"`],
    ['a"b', `'a"b'`],
    [`a'b"c`, `'a\\'b"c'`],
    ['back\\slash', "'back\\\\slash'"],
    ['tab\tnl\n', "'tab\\tnl\\n'"],
    ['x\u0001\u007f', "'x\\x01\\x7f'"],
    ['é日', "'é日'"],
  ])('quotes %j as Python does', (text, expected) => {
    expect(pyRepr(text)).toBe(expected)
  })

  it('prints a dict of mixed values as str() of a Python dict', () => {
    expect(pyStr({ query: "counter{name='service1'}", step: 1, timeout: 0.5 })).toBe(
      `{'query': "counter{name='service1'}", 'step': 1, 'timeout': 0.5}`,
    )
  })
})
