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
  options: {
    chaos: { type: 'string' },
    node: { type: 'string', multiple: true },
    runs: { type: 'string', default: '7' },
  },
})
const chaos = values.chaos
if (chaos === undefined) throw new Error('--chaos PATH to the chaos executable is required')
const runs = Number(values.runs)
const nodes = values.node ?? [process.execPath]
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
const chaosFlags = [chaos, '--no-version-check', '--no-log-file']
const experiments = readdirSync(join(root, 'bench/experiments')).map((file) =>
  join(root, 'bench/experiments', file),
)

const cases = []
for (const node of nodes) {
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()
  const steadystate = [node, join(root, 'packages/cli/bin/steadystate.js')]
  for (const experiment of experiments) {
    const name = `${experiment.split('/').at(-1)} (node ${version})`
    cases.push({
      name: `validate ${name}`,
      ours: [...steadystate, 'validate', experiment],
      theirs: [...chaosFlags, 'validate', experiment],
    })
    cases.push({
      name: `run ${name}`,
      ours: [...steadystate, 'run', experiment, '--journal-path', join(work, 'ours.json')],
      theirs: [...chaosFlags, 'run', experiment, '--journal-path', join(work, 'theirs.json')],
    })
  }
}

console.log(`steadystate vs Chaos Toolkit: median wall time of ${runs} runs each, alternated`)
console.log(
  `${'case'.padEnd(52)} ${'steadystate'.padStart(12)} ${'chaos'.padStart(10)} ${'ratio'.padStart(7)}`,
)
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
  const ms = (seconds) => `${(seconds * 1000).toFixed(0)} ms`
  console.log(
    `${c.name.padEnd(52)} ${ms(median(ours)).padStart(12)} ${ms(median(theirs)).padStart(10)} ${ratio.toFixed(2).padStart(6)}x`,
  )
}
console.log('target: at most 0.50x for validate and for a short process-only run')
