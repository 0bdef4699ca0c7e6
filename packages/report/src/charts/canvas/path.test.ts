import { describe, expect, it } from 'vitest'
import { IDENTITY, type Matrix } from './matrix.ts'
import { arcSweep, PathBuilder, type Segment } from './path.ts'

const builder = (matrix: Matrix = IDENTITY) => new PathBuilder(() => matrix)

/** Where each segment ends. */
function ends(segments: Segment[]): [number, number][] {
  return segments.flatMap((segment) =>
    segment.op === 'close' ? [] : [[segment.x, segment.y] as [number, number]],
  )
}

describe('arcSweep', () => {
  it('follows the canvas rules: direction, wrap-around and full turns', () => {
    expect(arcSweep(0, Math.PI / 2, false)).toBeCloseTo(Math.PI / 2)
    expect(arcSweep(0, Math.PI / 2, true)).toBeCloseTo(-1.5 * Math.PI)
    expect(arcSweep(1.5 * Math.PI, Math.PI, true)).toBeCloseTo(-Math.PI / 2)
    expect(arcSweep(0, 3 * Math.PI, false)).toBeCloseTo(2 * Math.PI)
    expect(arcSweep(0, -2 * Math.PI, true)).toBeCloseTo(-2 * Math.PI)
    expect(arcSweep(1, 1, false)).toBe(0)
  })
})

describe('PathBuilder', () => {
  it('draws a full circle as four Béziers whose points lie on the circle', () => {
    const path = builder()
    path.arc(10, 20, 5, 0, 2 * Math.PI)
    expect(path.segments.map((segment) => segment.op)).toEqual(['move', 'curve', 'curve', 'curve', 'curve'])
    for (const [x, y] of ends(path.segments)) expect(Math.hypot(x - 10, y - 20)).toBeCloseTo(5, 9)
    // Midway along the first quarter, a cubic approximation stays within 0.03% of the radius.
    const first = path.segments[1]
    if (first?.op !== 'curve') throw new Error('expected a curve')
    const mid = {
      x: (15 + 3 * first.x1 + 3 * first.x2 + first.x) / 8,
      y: (20 + 3 * first.y1 + 3 * first.y2 + first.y) / 8,
    }
    expect(Math.abs(Math.hypot(mid.x - 10, mid.y - 20) - 5)).toBeLessThan(5 * 3e-4)
  })

  it('joins an arc to the current point with a line, as the canvas does', () => {
    const path = builder()
    path.moveTo(0, 0)
    path.arc(10, 0, 2, Math.PI, 0)
    expect(path.segments[1]).toEqual({ op: 'line', x: 8, y: expect.closeTo(0, 9) as number })
    expect(
      ends(path.segments)
        .at(-1)
        ?.map((value) => Math.round(value * 1e9) / 1e9 + 0),
    ).toEqual([12, 0])
  })

  it('transforms points when they are added, so later transform changes leave them alone', () => {
    let matrix: Matrix = [1, 0, 0, 1, 100, 50]
    const path = new PathBuilder(() => matrix)
    path.moveTo(1, 2)
    matrix = IDENTITY
    path.lineTo(1, 2)
    expect(path.segments).toEqual([
      { op: 'move', x: 101, y: 52 },
      { op: 'line', x: 1, y: 2 },
    ])
  })

  it('turns a quadratic curve into the cubic with the same shape', () => {
    const path = builder()
    path.moveTo(0, 0)
    path.quadraticCurveTo(3, 3, 6, 0)
    expect(path.segments[1]).toEqual({ op: 'curve', x1: 2, y1: 2, x2: 4, y2: 2, x: 6, y: 0 })
  })

  it('closes rectangles, and a new path starts empty', () => {
    const path = builder()
    path.rect(1, 2, 3, 4)
    expect(path.segments.map((segment) => segment.op)).toEqual(['move', 'line', 'line', 'line', 'close'])
    expect(ends(path.segments)).toEqual([
      [1, 2],
      [4, 2],
      [4, 6],
      [1, 6],
    ])
    path.reset()
    expect(path.segments).toEqual([])
  })

  it('refuses a negative radius, as the canvas does', () => {
    expect(() => builder().arc(0, 0, -1, 0, 1)).toThrow(RangeError)
  })
})
