// Time to halt with a safeguard: from the moment the guarded condition trips to the moment every
// rollback is done, for steadystate and for the reference Chaos Toolkit + chaostoolkit-addons on
// the same experiment (a method in an 8 s pause, a `frequency: 1` safeguard reading a file the
// bench creates 1 s into the pause, one rollback that records when it ran). The reference plays no
// rollbacks after a safeguard stops it, so its halt is the end of its process, and the count of
// runs that rolled back is printed for both. Prints medians and p95 and their ratios.
//
//   node bench/safeguard-halt.mjs [--runs 50]
// The reference comes from scripts/reference-chaostoolkit.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { setTimeout as sleep } from 'node:timers/promises'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({ options: { runs: { type: 'string', default: '50' } } })
const runs = Number(values.runs)
const bin = execFileSync(join(root, 'scripts/reference-chaostoolkit'), { encoding: 'utf8' }).trim()
const work = mkdtempSync(join(tmpdir(), 'steadystate-bench-safeguard-'))
writeFileSync(join(work, 'settings.yaml'), '{}\n')
const file = (name) => join(work, name)
const sh = (script) => ({ type: 'process', path: 'sh', arguments: ['-c', script] })

const experimentPath = file('experiment.json')
writeFileSync(
  experimentPath,
  JSON.stringify({
    title: 'a safeguard trips during an 8 s pause',
    description: 'bench',
    controls: [
      {
        name: 'safeguard',
        provider: {
          type: 'python',
          module: 'chaosaddons.controls.safeguards',
          arguments: {
            probes: [
              {
                name: 'no-trip-file',
                type: 'probe',
                frequency: 1,
                tolerance: 0,
                provider: { type: 'process', path: 'test', arguments: ['!', '-e', file('trip')] },
              },
            ],
          },
        },
      },
    ],
    method: [
      { type: 'action', name: 'inject', provider: sh(`touch ${file('fault')}`), pauses: { after: 8 } },
    ],
    rollbacks: [{ type: 'action', name: 'repair', provider: sh(`date +%s.%N > ${file('repaired')}`) }],
  }),
)

const tools = {
  steadystate: [process.execPath, join(root, 'packages/cli/bin/steadystate.js'), 'run', experimentPath],
  reference: [
    join(bin, 'chaos'),
    '--no-version-check',
    '--no-log-file',
    '--settings',
    file('settings.yaml'),
    'run',
    experimentPath,
  ],
}

/** One run: seconds from the trip to the last rollback (or the process end when none ran). */
async function once(argv) {
  for (const name of ['fault', 'trip', 'repaired']) rmSync(file(name), { force: true })
  const child = spawn(argv[0], [...argv.slice(1), '--journal-path', file('journal.json')], {
    cwd: work,
    env: { ...process.env, CI: 'true' },
    stdio: 'ignore',
  })
  const exited = new Promise((resolve) => child.on('close', resolve))
  while (!existsSync(file('fault'))) await sleep(10)
  await sleep(1000)
  writeFileSync(file('trip'), '')
  const tripped = Date.now() / 1000
  await exited
  const ended = Date.now() / 1000
  const rolledBack = existsSync(file('repaired'))
  const halted = rolledBack ? Number(readFileSync(file('repaired'), 'utf8')) : ended
  return { seconds: Math.max(0, halted - tripped), rolledBack }
}

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]
const results = { steadystate: [], reference: [] }
for (let i = 0; i < runs; i++) {
  for (const [tool, argv] of Object.entries(tools)) results[tool].push(await once(argv))
  process.stderr.write(`\r${i + 1}/${runs} runs of each`)
}
process.stderr.write('\n')
const summary = {}
for (const [tool, list] of Object.entries(results)) {
  const seconds = list.map((r) => r.seconds)
  summary[tool] = {
    median: quantile(seconds, 0.5),
    p95: quantile(seconds, 0.95),
    rolledBack: list.filter((r) => r.rolledBack).length,
  }
  console.log(
    `${tool.padEnd(12)} time to halt median ${summary[tool].median.toFixed(3)} s, p95 ${summary[tool].p95.toFixed(3)} s; rollbacks ran in ${summary[tool].rolledBack}/${runs} runs`,
  )
}
const ratio = (key) => (summary.reference[key] / summary.steadystate[key]).toFixed(1)
console.log(`reference / steadystate: median ×${ratio('median')}, p95 ×${ratio('p95')}`)
rmSync(work, { recursive: true, force: true })
