// PDF reports of hostile journals, as users run them (`steadystate report`, a new process each time):
// the seed journal for comparison, then a 1 MB unbroken description, a 10 MB output, a 10 MB
// description and a 50 KB unbroken error. Targets for the two first: under 2 s and under 300 MB.
// Measurements, not assertions.
//   node bench/hostile-report.mjs [--runs N]
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'packages/cli/bin/steadystate.js')
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } })
const runs = Number(values.runs)
const work = mkdtempSync(join(tmpdir(), 'steadystate-bench-hostile-'))
const seed = JSON.parse(readFileSync(join(root, 'packages/report/fixtures/seed-kubernetes.json'), 'utf8'))

function journal(name, change) {
  const copy = structuredClone(seed)
  change(copy)
  const path = join(work, `${name}.json`)
  writeFileSync(path, JSON.stringify(copy))
  return path
}

const MB = 1024 * 1024
const cases = [
  ['seed journal (for comparison)', journal('seed', () => {})],
  [
    '1 MB unbroken description (target < 2 s, < 300 MB)',
    journal('description-1mb', (j) => (j.experiment.description = 'd'.repeat(MB))),
  ],
  [
    '10 MB output (target < 2 s, < 300 MB)',
    journal('output-10mb', (j) => (j.run[0].output = 'o'.repeat(10 * MB))),
  ],
  [
    '10 MB unbroken description',
    journal('description-10mb', (j) => (j.experiment.description = 'd'.repeat(10 * MB))),
  ],
  [
    '50 KB unbroken error',
    journal('error-50kb', (j) => {
      j.run[0].status = 'failed'
      j.run[0].exception = [`chaoslib.exceptions.ActivityFailed: ${'e'.repeat(50 * 1024)}`]
    }),
  ],
]

function once(path) {
  const started = process.hrtime.bigint()
  const result = spawnSync(
    process.execPath,
    ['--import', join(root, 'bench/max-rss.mjs'), cli, 'report', path, join(work, 'report.pdf')],
    { encoding: 'utf8' },
  )
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0)
    throw new Error(`steadystate report ${path} exited ${result.status}: ${result.stderr}`)
  const rss = Number(/max-rss-kib=(\d+)/.exec(result.stderr)?.[1] ?? NaN)
  const cpu = Number(/cpu-us=(\d+)/.exec(result.stderr)?.[1] ?? NaN)
  return { seconds, cpu: cpu / 1e6, mib: rss / 1024 }
}

console.log(
  `steadystate report → PDF of hostile journals, node ${process.version}, ${runs} runs each (median)`,
)
console.log(`${'case'.padEnd(52)} ${'wall'.padStart(9)} ${'CPU'.padStart(9)} ${'peak RSS'.padStart(10)}`)
for (const [name, path] of cases) {
  once(path) // warm the file cache; not counted
  const samples = Array.from({ length: runs }, () => once(path))
  const median = (key) => samples.map((sample) => sample[key]).sort((a, b) => a - b)[Math.floor(runs / 2)]
  const seconds = (value) => `${value.toFixed(2)} s`.padStart(9)
  const memory = `${median('mib').toFixed(0)} MiB`.padStart(10)
  console.log(`${name.padEnd(52)} ${seconds(median('seconds'))} ${seconds(median('cpu'))} ${memory}`)
}
