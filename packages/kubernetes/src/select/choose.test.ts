import { describe, expect, it } from 'vitest'
import { choose, parseChooseOptions, victimCount, type ChooseOptions } from './choose.ts'
import { sample, seededRandom } from './random.ts'

const pods = ['web-c', 'web-a', 'web-d', 'web-b'].map((name, index) => ({
  name,
  created: `2026-01-0${4 - index}T00:00:00Z`,
}))
const options = (partial: Partial<ChooseOptions>): ChooseOptions => ({
  all: false,
  rand: false,
  mode: 'fixed',
  qty: 1,
  order: 'alphabetic',
  ...partial,
})

describe('victim selection', () => {
  it.each([
    ['fixed', 3, 10, 3],
    ['fixed', 30, 10, 10],
    ['one', 5, 10, 1],
    ['percentage', 25, 10, 3],
    ['percentage', 1, 10, 1],
    ['fixed-percent', 25, 10, 2],
    ['fixed-percent', 5, 10, 0],
  ] as const)('%s with qty %d of %d pods picks %d', (mode, qty, count, expected) => {
    expect(victimCount(count, options({ mode, qty }), () => 0.5)).toBe(expected)
  })

  it('random-max-percent draws a percentage up to qty, and may pick none', () => {
    expect(victimCount(10, options({ mode: 'random-max-percent', qty: 50 }), () => 0)).toBe(0)
    expect(victimCount(10, options({ mode: 'random-max-percent', qty: 50 }), () => 0.999)).toBe(4)
  })

  it('sorts for real: alphabetic by name, oldest by creation time', () => {
    expect(choose(pods, options({ qty: 2 }), Math.random).map((p) => p.name)).toEqual(['web-a', 'web-b'])
    expect(choose(pods, options({ qty: 2, order: 'oldest' }), Math.random).map((p) => p.name)).toEqual([
      'web-b',
      'web-d',
    ])
  })

  it('all: true ignores mode, qty and rand', () => {
    expect(choose(pods, options({ all: true, rand: true, qty: 1 }), Math.random)).toHaveLength(4)
  })

  it('the same seed picks the same victims; sampling never repeats a pod', () => {
    const pick = (seed: number) =>
      choose(pods, options({ rand: true, qty: 2 }), seededRandom(seed)).map((p) => p.name)
    expect(pick(42)).toEqual(pick(42))
    const seen = new Set(
      sample(
        Array.from({ length: 100 }, (_, i) => i),
        100,
        seededRandom(1),
      ),
    )
    expect(seen.size).toBe(100)
  })

  it('validates mode, order and qty with the allowed values named', () => {
    expect(() => parseChooseOptions({ mode: 'most' })).toThrow(
      /mode "most" is not one of: fixed, percentage, one, fixed-percent, random-max-percent/,
    )
    expect(() => parseChooseOptions({ order: 'newest' })).toThrow(
      /order "newest" is not one of: alphabetic, oldest/,
    )
    expect(() => parseChooseOptions({ qty: -1 })).toThrow(/qty must be a non-negative number/)
    expect(() => parseChooseOptions({ mode: 'percentage', qty: 150 })).toThrow(/at most 100/)
  })
})
