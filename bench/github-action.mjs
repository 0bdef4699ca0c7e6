// Cold start of the GitHub Action: `node packages/github-action/dist/index.js` as the runner starts it
// (INPUT_* variables, GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files), a new process each
// time, on a process-only experiment, on Node 20 and Node 24 (the runtime of `using: node24`).
//   node bench/github-action.mjs [--runs N]
// Target: under 0.3 s for the run itself. A measurement, not an assertion.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const entry = join(root, 'packages/github-action/dist/index.js')
const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } })
const runs = Number(values.runs)
const work = mkdtempSync(join(tmpdir(), 'steadystate-bench-action-'))

const process_ = (path, ...args) => ({ type: 'process', path, arguments: args })
writeFileSync(
  join(work, 'experiment.json'),
  JSON.stringify({
    title: 'cold start',
    description: 'two probes before and after, one action, one rollback: processes only',
    'steady-state-hypothesis': {
      title: 'all good',
      probes: [
        { type: 'probe', name: 'ok', tolerance: 0, provider: process_('true') },
        {
          type: 'probe',
          name: 'says-ok',
          tolerance: { type: 'regex', pattern: 'ok', target: 'stdout' },
          provider: process_('echo', 'ok'),
        },
      ],
    },
    method: [{ type: 'action', name: 'act', provider: process_('true') }],
    rollbacks: [{ type: 'action', name: 'undo', provider: process_('true') }],
  }),
)

function time(node, inputs) {
  const files = {
    GITHUB_OUTPUT: join(work, 'output'),
    GITHUB_STATE: join(work, 'state'),
    GITHUB_STEP_SUMMARY: join(work, 'summary'),
  }
  for (const file of Object.values(files)) writeFileSync(file, '')
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: work,
    ...files,
    INPUT_EXPERIMENT: 'experiment.json',
    'INPUT_JOURNAL-PATH': 'journal.json',
    'INPUT_FAIL-ON-DEVIATION': 'true',
    'INPUT_WORKING-DIRECTORY': '.',
    ...inputs,
  }
  const started = process.hrtime.bigint()
  const result = spawnSync(node, [entry], { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'] })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) throw new Error(`the action exited ${result.status}: ${result.stderr}`)
  return seconds
}

function measure(node, inputs) {
  time(node, inputs) // warm the file cache; not counted
  const samples = Array.from({ length: runs }, () => time(node, inputs)).sort((a, b) => a - b)
  return { median: samples[Math.floor(samples.length / 2)], min: samples[0], max: samples.at(-1) }
}

const seconds = (value) => `${value.toFixed(3)} s`
const nodes = [
  ['Node 20 (' + process.version + ')', process.execPath],
  ['Node 24', execFileSync(join(root, 'scripts/node24'), { encoding: 'utf8' }).trim()],
]
const cases = [
  ['run + job summary (report-path, junit-path empty)', { 'INPUT_REPORT-PATH': '', 'INPUT_JUNIT-PATH': '' }],
  [
    'run + summary + JUnit + PDF (the defaults)',
    { 'INPUT_REPORT-PATH': 'report.pdf', 'INPUT_JUNIT-PATH': 'junit.xml' },
  ],
]

console.log(`GitHub Action cold start, wall time per run (process start included), median of ${runs}`)
console.log(
  `${'case'.padEnd(52)} ${'runtime'.padEnd(18)} ${'median'.padStart(9)} ${'min'.padStart(9)} ${'max'.padStart(9)}`,
)
for (const [name, inputs] of cases) {
  for (const [label, node] of nodes) {
    const m = measure(node, inputs)
    console.log(
      `${name.padEnd(52)} ${label.padEnd(18)} ${seconds(m.median).padStart(9)} ${seconds(m.min).padStart(9)} ${seconds(m.max).padStart(9)}`,
    )
  }
}
