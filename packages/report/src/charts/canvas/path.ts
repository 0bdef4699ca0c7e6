import { apply, type Matrix } from './matrix.ts'

/** A path segment in chart coordinates (the canvas transform already applied). */
export type Segment =
  | { op: 'move'; x: number; y: number }
  | { op: 'line'; x: number; y: number }
  | { op: 'curve'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { op: 'close' }

const TAU = 2 * Math.PI

/**
 * The canvas's current path. Points are transformed when added, as the canvas does, so a path
 * survives transform changes before it is painted; arcs become cubic Béziers, which any affine
 * transform maps exactly, so PDF and SVG get the same plain path.
 */
export class PathBuilder {
  segments: Segment[] = []
  /** The current point in user space (before the transform), where the next arc or curve starts. */
  private current: [number, number] | undefined
  private subpathStart: [number, number] | undefined

  constructor(private readonly matrix: () => Matrix) {}

  reset(): void {
    this.segments = []
    this.current = undefined
    this.subpathStart = undefined
  }

  moveTo(x: number, y: number): void {
    const [px, py] = apply(this.matrix(), x, y)
    this.segments.push({ op: 'move', x: px, y: py })
    this.current = [x, y]
    this.subpathStart = [x, y]
  }

  lineTo(x: number, y: number): void {
    if (this.current === undefined) return this.moveTo(x, y)
    const [px, py] = apply(this.matrix(), x, y)
    this.segments.push({ op: 'line', x: px, y: py })
    this.current = [x, y]
  }

  bezierCurveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number): void {
    if (this.current === undefined) this.moveTo(x1, y1)
    const m = this.matrix()
    const [p1x, p1y] = apply(m, x1, y1)
    const [p2x, p2y] = apply(m, x2, y2)
    const [px, py] = apply(m, x, y)
    this.segments.push({ op: 'curve', x1: p1x, y1: p1y, x2: p2x, y2: p2y, x: px, y: py })
    this.current = [x, y]
  }

  quadraticCurveTo(cx: number, cy: number, x: number, y: number): void {
    if (this.current === undefined) this.moveTo(cx, cy)
    const [x0, y0] = this.current ?? [cx, cy]
    // The cubic with the same curve: control points two thirds of the way to the quadratic's.
    this.bezierCurveTo(
      x0 + (2 / 3) * (cx - x0),
      y0 + (2 / 3) * (cy - y0),
      x + (2 / 3) * (cx - x),
      y + (2 / 3) * (cy - y),
      x,
      y,
    )
  }

  rect(x: number, y: number, width: number, height: number): void {
    this.moveTo(x, y)
    this.lineTo(x + width, y)
    this.lineTo(x + width, y + height)
    this.lineTo(x, y + height)
    this.closePath()
  }

  closePath(): void {
    if (this.current === undefined) return
    this.segments.push({ op: 'close' })
    this.current = this.subpathStart
  }

  arc(x: number, y: number, radius: number, start: number, end: number, anticlockwise = false): void {
    this.ellipse(x, y, radius, radius, 0, start, end, anticlockwise)
  }

  /** Canvas `ellipse()`: a line to the arc's start, then the arc as Béziers of at most 90° each. */
  ellipse(
    x: number,
    y: number,
    radiusX: number,
    radiusY: number,
    rotation: number,
    start: number,
    end: number,
    anticlockwise = false,
  ): void {
    if (radiusX < 0 || radiusY < 0) throw new RangeError(`negative arc radius (${radiusX}, ${radiusY})`)
    const sweep = arcSweep(start, end, anticlockwise)
    const cos = Math.cos(rotation)
    const sin = Math.sin(rotation)
    const point = (angle: number, scale = 1): [number, number] => {
      const ex = radiusX * Math.cos(angle) * scale
      const ey = radiusY * Math.sin(angle) * scale
      return [x + ex * cos - ey * sin, y + ex * sin + ey * cos]
    }
    const [sx, sy] = point(start)
    this.lineTo(sx, sy)
    if (sweep === 0 || (radiusX === 0 && radiusY === 0)) return
    const pieces = Math.ceil(Math.abs(sweep) / (Math.PI / 2) - 1e-9)
    const step = sweep / pieces
    // Control-point distance for a circular arc of `step` radians, as a fraction of the radius.
    const k = (4 / 3) * Math.tan(step / 4)
    for (let i = 0; i < pieces; i++) {
      const a0 = start + i * step
      const a1 = a0 + step
      const tangent = (angle: number): [number, number] => {
        const tx = -radiusX * Math.sin(angle)
        const ty = radiusY * Math.cos(angle)
        return [tx * cos - ty * sin, tx * sin + ty * cos]
      }
      const [p0x, p0y] = point(a0)
      const [p1x, p1y] = point(a1)
      const [t0x, t0y] = tangent(a0)
      const [t1x, t1y] = tangent(a1)
      this.bezierCurveTo(p0x + k * t0x, p0y + k * t0y, p1x - k * t1x, p1y - k * t1y, p1x, p1y)
    }
  }
}

/** The signed angle an arc sweeps, as the canvas defines it (a full turn at most). */
export function arcSweep(start: number, end: number, anticlockwise: boolean): number {
  if (!anticlockwise && end - start >= TAU) return TAU
  if (anticlockwise && start - end >= TAU) return -TAU
  let sweep = (end - start) % TAU
  if (!anticlockwise && sweep < 0) sweep += TAU
  if (anticlockwise && sweep > 0) sweep -= TAU
  return sweep
}
