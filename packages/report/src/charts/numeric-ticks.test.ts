import { Ticks, type Scale, type Tick } from 'chart.js'
import { describe, expect, it } from 'vitest'
import { CHART_LOCALE, formatFixed, numericTick } from './numeric-ticks.ts'

const formats = new Map<number, Intl.NumberFormat>()
function intl(value: number, decimals: number): string {
  let format = formats.get(decimals)
  if (format === undefined) {
    format = new Intl.NumberFormat(CHART_LOCALE, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    })
    formats.set(decimals, format)
  }
  return format.format(value)
}

/** The same numbers every run (a small linear congruential generator). */
function numbers(count: number): number[] {
  let seed = 424242
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed / 2 ** 31
  }
  return Array.from({ length: count }, () => {
    const magnitude = 10 ** Math.floor(next() * 24 - 7)
    const value = next() * magnitude
    return next() < 0.3 ? -value : value
  })
}

const STEPS = [
  0.0001, 0.00025, 0.001, 0.002, 0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20,
  50,
]
const TICK_VALUES = STEPS.flatMap((step) => Array.from({ length: 41 }, (_, index) => (index - 20) * step))
const HALVES = [
  0.5, 1.5, 2.5, 0.05, 0.15, 0.25, 0.35, 1.005, 1.015, 2.675, 0.125, 0.375, 1234.5, 999.95, 9.995, -0.05,
  -2.5,
]

describe('formatFixed', () => {
  it('writes numbers as Intl.NumberFormat does in the charts locale', () => {
    for (const value of [
      ...numbers(20000),
      ...TICK_VALUES,
      ...HALVES,
      1e15,
      123456789.123,
      -0.04,
      0.04,
      -0,
    ]) {
      for (const decimals of [0, 1, 2, 3, 4, 6, 9, 12, 20]) {
        const ours = formatFixed(value, decimals)
        if (ours !== undefined) expect(ours, `${value} with ${decimals} decimals`).toBe(intl(value, decimals))
      }
    }
  })

  it('leaves numbers written with an exponent, and non-finite ones, to Intl', () => {
    expect(formatFixed(1e-7, 2)).toBeUndefined()
    expect(formatFixed(1e21, 0)).toBeUndefined()
    expect(formatFixed(Number.NaN, 0)).toBeUndefined()
    expect(formatFixed(1234567.891, 2)).toBe('1,234,567.89')
  })
})

describe('numericTick', () => {
  const scale = (format?: object): Scale =>
    ({ chart: { options: { locale: CHART_LOCALE } }, options: { ticks: { format } } }) as unknown as Scale

  it("labels ticks as chart.js's numeric formatter does", () => {
    const axes = [
      ...STEPS.map((step) => Array.from({ length: 6 }, (_, index) => index * step)),
      [0, 0.5, 1, 1.5, 2],
      [-3, -2, -1, 0, 1],
      [0, 250000, 500000, 750000, 1000000],
      [0.7, 1.7, 2.7],
      [12.34],
      [0, 1e-5, 2e-5],
      [0, 1e16, 2e16],
    ]
    for (const values of axes) {
      const ticks: Tick[] = values.map((value) => ({ value }))
      values.forEach((value, index) => {
        expect(numericTick.call(scale(), value, index, ticks)).toBe(
          Ticks.formatters.numeric.call(scale(), value, index, ticks),
        )
      })
    }
  })

  it("leaves a tick format of the chart's own to chart.js", () => {
    const ticks: Tick[] = [{ value: 0 }, { value: 0.5 }, { value: 1 }]
    const percent = scale({ style: 'percent' })
    expect(numericTick.call(percent, 0.5, 1, ticks)).toBe('50.0%')
    expect(numericTick.call(percent, 0.5, 1, ticks)).toBe(
      Ticks.formatters.numeric.call(percent, 0.5, 1, ticks),
    )
  })
})
