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
    runs: { type: 'string', default: '15' },
    'inherit-env': { type: 'boolean', default: false },
  },
})
const chaos = values.chaos
if (chaos === undefined) throw new Error('--chaos PATH to the chaos executable is required')
const runs = Number(values.runs)
const nodes = values.node ?? [process.execPath]
const work = mkdtempSync(join(tmpdir(), 'steadystate-bench-'))
// Both tools get the same small environment, so that what this shell happens to export does not
// tilt the comparison: e.g. NODE_EXTRA_CA_CERTS makes Node 20 (not 24) read and parse that
// certificate bundle at every start, ~100 ms here. --inherit-env passes the whole environment.
const KEPT = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'TZ']
const env = values['inherit-env']
  ? { ...process.env, CI: 'true' }
  : {
      ...Object.fromEntries(
        KEPT.filter((name) => name in process.env).map((name) => [name, process.env[name]]),
      ),
      CI: 'true',
    }
let coldCaches = 0

function time(argv, extraEnv = {}) {
  const started = process.hrtime.bigint()
  const result = spawnSync(argv[0], argv.slice(1), {
    cwd: work,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
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
    // Node 22+ only: a first run on a fresh machine (e.g. a hosted CI runner) has no compile cache yet.
    if (!version.startsWith('v20.')) {
      cases.push({
        name: `run ${name}, compile cache cold`,
        ours: [...steadystate, 'run', experiment, '--journal-path', join(work, 'ours.json')],
        oursEnv: () => ({ NODE_COMPILE_CACHE: join(work, `compile-cache-${++coldCaches}`) }),
        theirs: [...chaosFlags, 'run', experiment, '--journal-path', join(work, 'theirs.json')],
      })
    }
  }
}

console.log(`steadystate vs Chaos Toolkit: median wall time of ${runs} runs each, alternated`)
console.log(
  values['inherit-env']
    ? "environment: this shell's, CI=true"
    : `environment: ${KEPT.filter((name) => name in process.env).join(', ')}, CI=true (--inherit-env for all)`,
)
console.log(
  `${'case'.padEnd(52)} ${'steadystate'.padStart(12)} ${'chaos'.padStart(10)} ${'ratio'.padStart(7)}`,
)
for (const c of cases) {
  const oursEnv = c.oursEnv ?? (() => ({}))
  time(c.ours, oursEnv())
  time(c.theirs)
  const ours = []
  const theirs = []
  for (let i = 0; i < runs; i++) {
    ours.push(time(c.ours, oursEnv()))
    theirs.push(time(c.theirs))
  }
  const ratio = median(ours) / median(theirs)
  const ms = (seconds) => `${(seconds * 1000).toFixed(0)} ms`
  console.log(
    `${c.name.padEnd(52)} ${ms(median(ours)).padStart(12)} ${ms(median(theirs)).padStart(10)} ${ratio.toFixed(2).padStart(6)}x`,
  )
}
console.log('target for the short process-only run: at most 0.35x on Node 24, 0.50x on Node 20')
