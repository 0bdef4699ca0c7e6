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
    // Another build's bin/steadystate.js (e.g. a checkout of an older commit), for before/after figures.
    steadystate: { type: 'string' },
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

/** Wall and CPU time (user + system, the whole process tree) of one run, from bench/rusage.py. */
function time(argv, extraEnv = {}) {
  const result = spawnSync('python3', [join(root, 'bench/rusage.py'), ...argv], {
    cwd: work,
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const measured = result.status === 0 ? JSON.parse(result.stdout) : { status: result.status }
  if (measured.status !== 0) throw new Error(`${argv.join(' ')} exited ${measured.status}: ${result.stderr}`)
  return measured
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const chaosFlags = [chaos, '--no-version-check', '--no-log-file']
const experiments = readdirSync(join(root, 'bench/experiments')).map((file) =>
  join(root, 'bench/experiments', file),
)

const cases = []
for (const node of nodes) {
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()
  const steadystate = [node, values.steadystate ?? join(root, 'packages/cli/bin/steadystate.js')]
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
        name: `run ${name}, cold cache`,
        ours: [...steadystate, 'run', experiment, '--journal-path', join(work, 'ours.json')],
        oursEnv: () => ({ NODE_COMPILE_CACHE: join(work, `compile-cache-${++coldCaches}`) }),
        theirs: [...chaosFlags, 'run', experiment, '--journal-path', join(work, 'theirs.json')],
      })
    }
  }
}

console.log(`steadystate vs Chaos Toolkit: medians of ${runs} runs each, alternated`)
console.log(
  values['inherit-env']
    ? "environment: this shell's, CI=true"
    : `environment: ${KEPT.filter((name) => name in process.env).join(', ')}, CI=true (--inherit-env for all)`,
)
console.log(
  'wall: elapsed time; cpu: user + system time of the process tree (less sensitive to a busy machine)',
)
const columns = (...cells) => cells.map((cell, index) => (index === 0 ? cell.padEnd(60) : cell.padStart(9)))
console.log(columns('case', 'wall', 'chaos', 'ratio', 'cpu', 'chaos', 'ratio').join(' '))
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
  const cells = ['wall', 'cpu'].flatMap((kind) => {
    const mine = median(ours.map((run) => run[kind]))
    const reference = median(theirs.map((run) => run[kind]))
    return [
      `${(mine * 1000).toFixed(0)} ms`,
      `${(reference * 1000).toFixed(0)} ms`,
      `${(mine / reference).toFixed(2)}x`,
    ]
  })
  console.log(columns(c.name, ...cells).join(' '))
}
console.log('target for the short process-only run: at most 0.35x on Node 24, 0.50x on Node 20')
