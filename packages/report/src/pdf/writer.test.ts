import { describe, expect, it } from 'vitest'
import { breakable } from './writer.ts'

describe('breakable', () => {
  it('gives a long unbroken run a zero-width break every 40 characters, and nothing else', () => {
    const run = 'x'.repeat(100)
    expect(breakable(`short words stay ${run}`)).toBe(
      `short words stay ${'x'.repeat(40)}\u200b${'x'.repeat(40)}\u200b${'x'.repeat(20)}`,
    )
    expect(breakable('x'.repeat(40))).toBe('x'.repeat(40))
    // Surrogate pairs stay whole.
    expect(
      breakable('😀'.repeat(50))
        .split('\u200b')
        .map((part) => Array.from(part).length),
    ).toEqual([40, 10])
  })
})
