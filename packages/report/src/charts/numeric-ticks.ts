import { Ticks, type Scale, type Tick } from 'chart.js'

/** The locale of every chart's numbers: the report's own language, whatever the machine's locale. */
export const CHART_LOCALE = 'en-US'

/**
 * chart.js's labels of numeric ticks (Ticks.formatters.numeric: as many decimals as the step
 * between ticks needs), written without Intl.NumberFormat: creating the first one loads ICU's
 * number data, 20 to 70 ms of a report's start. Numbers are formatted as Intl formats them in
 * CHART_LOCALE: the shortest decimal form of the number, rounded half away from zero to the
 * decimals, thousands grouped by commas (numeric-ticks.test.ts compares both). Scientific
 * notation, a `ticks.format` or another locale go to chart.js's own formatter.
 */
export function numericTick(this: Scale, tickValue: number | string, index: number, ticks: Tick[]): string {
  const value = Number(tickValue)
  if (value === 0) return '0'
  let delta = value
  if (ticks.length > 1) {
    const first = ticks[0]?.value ?? 0
    const last = ticks.at(-1)?.value ?? 0
    const maxTick = Math.max(Math.abs(first), Math.abs(last))
    if (maxTick < 1e-4 || maxTick > 1e15) return Ticks.formatters.numeric.call(this, value, index, ticks)
    delta = stepAround(value, ticks)
  }
  const logDelta = Math.log10(Math.abs(delta))
  const decimals = Number.isNaN(logDelta) ? 1 : Math.max(Math.min(-1 * Math.floor(logDelta), 20), 0)
  const formatted =
    this.chart.options.locale === CHART_LOCALE && tickFormat(this) === undefined
      ? formatFixed(value, decimals)
      : undefined
  return formatted ?? Ticks.formatters.numeric.call(this, value, index, ticks)
}

/** The scale's `ticks.format` (Intl options of its own), if any. */
function tickFormat(scale: Scale): unknown {
  const ticks: unknown = Reflect.get(scale.options, 'ticks')
  return typeof ticks === 'object' && ticks !== null ? Reflect.get(ticks, 'format') : undefined
}

/** chart.js's calculateDelta: the step between ticks, or the fraction of a value between whole steps. */
function stepAround(value: number, ticks: Tick[]): number {
  const at = (index: number): number => ticks[index]?.value ?? 0
  let delta = ticks.length > 3 ? at(2) - at(1) : at(1) - at(0)
  if (Math.abs(delta) >= 1 && value !== Math.floor(value)) delta = value - Math.floor(value)
  return delta
}

/**
 * `value` with exactly `decimals` decimals, as Intl.NumberFormat('en-US') writes it; undefined for
 * numbers JavaScript writes with an exponent (below 1e-6 or from 1e21), left to Intl.
 */
export function formatFixed(value: number, decimals: number): string | undefined {
  if (!Number.isFinite(value)) return undefined
  const shortest = String(Math.abs(value))
  if (shortest.includes('e')) return undefined
  const [whole = '0', fraction = ''] = shortest.split('.')
  let digits = whole + fraction.padEnd(decimals, '0').slice(0, decimals)
  if ((fraction[decimals] ?? '0') >= '5')
    digits = (BigInt(digits) + 1n).toString().padStart(digits.length, '0')
  const wholeDigits = digits.slice(0, digits.length - decimals).replace(/^0+(?=\d)/, '') || '0'
  const grouped = wholeDigits.replace(/\B(?=(\d{3})+$)/g, ',')
  const sign = value < 0 || Object.is(value, -0) ? '-' : ''
  return `${sign}${grouped}${decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : ''}`
}
