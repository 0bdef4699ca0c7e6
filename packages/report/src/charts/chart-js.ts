// Named members of the module, not all of it: the bundles keep only the chart kinds the report
// draws (bars and lines on category and linear scales), which the report chunk then parses at start.
import * as chartJs from 'chart.js'
import { CHART_LOCALE, numericTick } from './numeric-ticks.ts'

export const Chart = chartJs.Chart

Chart.register(
  chartJs.BarController,
  chartJs.BarElement,
  chartJs.CategoryScale,
  chartJs.Legend,
  chartJs.LinearScale,
  chartJs.LineController,
  chartJs.LineElement,
  chartJs.PointElement,
  chartJs.Title,
)
// The family is only a label: the vector canvas draws every chart text with the report's Noto Sans.
Chart.defaults.font.family = 'Noto Sans'
Chart.defaults.font.size = 7.5
Chart.defaults.color = '#374151'
// Numbers in one locale (the report's language) on every machine, labelled without Intl (numeric-ticks.ts).
Chart.defaults.locale = CHART_LOCALE
Chart.defaults.scales.linear.ticks.callback = numericTick
