// Times steadystate and the Chaos Toolkit on the same commands, alternating them within one run so
// both see the same machine load, and prints medians and ratios (steadystate / reference).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({
  options: { chaos: { type: 'string' }, runs: { type: 'string', default: '7' } },
})
const chaos = values.chaos
if (chaos === undefined) throw new Error('--chaos PATH to the chaos executable is required')
const runs = Number(values.runs)
const steadystate = [process.execPath, join(root, 'packages/cli/bin/steadystate.js')]
const work = mkdtempSync(join(tmpdir(), 'steadystate-bench-'))
const env = { ...process.env, CI: 'true' }

function time(argv) {
  const started = process.hrtime.bigint()
  const result = spawnSync(argv[0], argv.slice(1), { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'] })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr}`)
  return seconds
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const experiments = readdirSync(join(root, 'bench/experiments')).map((file) =>
  join(root, 'bench/experiments', file),
)
const cases = []
for (const experiment of experiments) {
  const name = experiment.split('/').at(-1)
  cases.push({
    name: `validate ${name}`,
    ours: [...steadystate, 'validate', experiment],
    theirs: [chaos, '--no-version-check', '--no-log-file', 'validate', experiment],
  })
  cases.push({
    name: `run ${name}`,
    ours: [...steadystate, 'run', experiment, '--journal-path', join(work, 'ours.json')],
    theirs: [
      chaos,
      '--no-version-check',
      '--no-log-file',
      'run',
      experiment,
      '--journal-path',
      join(work, 'theirs.json'),
    ],
  })
}

console.log(
  `steadystate vs Chaos Toolkit: median wall time of ${runs} runs each, alternated (node ${process.versions.node})`,
)
console.log(
  `${'case'.padEnd(40)} ${'steadystate'.padStart(12)} ${'chaos'.padStart(10)} ${'ratio'.padStart(7)}`,
)
let worst = 0
for (const c of cases) {
  time(c.ours)
  time(c.theirs)
  const ours = []
  const theirs = []
  for (let i = 0; i < runs; i++) {
    ours.push(time(c.ours))
    theirs.push(time(c.theirs))
  }
  const ratio = median(ours) / median(theirs)
  worst = Math.max(worst, ratio)
  console.log(
    `${c.name.padEnd(40)} ${(median(ours) * 1000).toFixed(0).padStart(9)} ms ${(median(theirs) * 1000).toFixed(0).padStart(7)} ms ${ratio.toFixed(2).padStart(6)}x`,
  )
}
console.log(`worst ratio: ${worst.toFixed(2)}x (target: at most 0.50x)`)
