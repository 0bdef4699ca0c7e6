// Times `steadystate report` the way users run it: a new process each time, start-up included.
//   node bench/report.mjs [--runs N]
// Prints the seed journal's report time (target: under 0.5 s) and the time and size of a report of
// a 5,000-activity-run journal (target: under 3 s, under 5 MB). Measurements, not assertions.
// Each command's CPU time (user + system, from bench/max-rss.mjs preloaded into it) is printed
// beside its wall time: on a busy machine wall times grow, CPU times much less.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { countRuns, longJournal } from './long-journal.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'packages/cli/bin/steadystate.js')
const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' } } })
const runs = Number(values.runs)
const work = mkdtempSync(join(tmpdir(), 'steadystate-bench-report-'))

function time(args) {
  const started = process.hrtime.bigint()
  const result = spawnSync(process.execPath, ['--import', join(root, 'bench/max-rss.mjs'), cli, ...args], {
    cwd: work,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0)
    throw new Error(`steadystate ${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  const cpu = Number(/cpu-us=(\d+)/.exec(result.stderr)?.[1] ?? NaN) / 1e6
  return { seconds, cpu }
}

function measure(args, count) {
  time(args) // warm the file cache; not counted
  const runs = Array.from({ length: count }, () => time(args))
  const samples = runs.map((run) => run.seconds).sort((a, b) => a - b)
  const cpu = runs.map((run) => run.cpu).sort((a, b) => a - b)
  return {
    median: samples[Math.floor(samples.length / 2)],
    min: samples[0],
    max: samples.at(-1),
    cpu: cpu[Math.floor(cpu.length / 2)],
  }
}

const pages = (path) =>
  readFileSync(path)
    .toString('latin1')
    .match(/\/Type \/Page\b/g)?.length ?? 0
const seconds = (value) => `${value.toFixed(3)} s`
const row = (name, m, extra = '') =>
  console.log(
    `${name.padEnd(44)} ${seconds(m.median).padStart(9)} ${seconds(m.min).padStart(9)} ${seconds(m.max).padStart(9)} ${seconds(m.cpu).padStart(9)}  ${extra}`,
  )

console.log(
  `steadystate report, node ${process.version}: wall time per command (process start included), ${runs} runs`,
)
console.log(
  `${'case'.padEnd(44)} ${'median'.padStart(9)} ${'min'.padStart(9)} ${'max'.padStart(9)} ${'CPU'.padStart(9)}`,
)

const seed = join(root, 'packages/report/fixtures/seed-kubernetes.json')
const seedPdf = join(work, 'seed.pdf')
const seedPdfTime = measure(['report', seed, seedPdf], runs)
row(
  'seed journal → PDF (target < 0.5 s)',
  seedPdfTime,
  `${statSync(seedPdf).size} bytes, ${pages(seedPdf)} pages`,
)
row(
  'seed journal → PDF, --no-charts',
  measure(['report', '--no-charts', seed, join(work, 'seed-tables.pdf')], runs),
)
row('seed journal → Markdown', measure(['report', seed, join(work, 'seed.md')], runs))
row('seed journal → JUnit', measure(['report', seed, join(work, 'seed.xml')], runs))
row('steadystate --version (start-up alone)', measure(['--version'], runs))

const long = longJournal(5000)
const longPath = join(work, 'long.json')
writeFileSync(longPath, JSON.stringify(long, null, 2))
const longPdf = join(work, 'long.pdf')
const longTime = measure(['report', longPath, longPdf], Math.max(3, Math.floor(runs / 3)))
const size = statSync(longPdf).size
row(
  `${countRuns(long)}-run journal → PDF (target < 3 s, < 5 MB)`,
  longTime,
  `${(size / 1024).toFixed(0)} KiB, ${pages(longPdf)} pages`,
)

console.log('')
console.log(
  `seed report: ${seconds(seedPdfTime.median)} median, ${seconds(seedPdfTime.cpu)} CPU ` +
    `(target 0.5 s: ${seedPdfTime.median < 0.5 ? 'met' : 'NOT met'})`,
)
console.log(
  `5,000-run report: ${seconds(longTime.median)} median, ${(size / 1024 / 1024).toFixed(2)} MiB ` +
    `(target 3 s and 5 MB: ${longTime.median < 3 && size < 5 * 1024 * 1024 ? 'met' : 'NOT met'})`,
)
