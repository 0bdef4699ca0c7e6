// The Python bridge's overhead against `chaos run` doing the same: the first Python activity (for
// steadystate, the worker's start) and each further one. Runs experiments of 0, 1 and 21 calls of a
// user module's no-op function (plus one process activity each, so that none is empty), alternating
// the two tools, and prints medians of wall time and the derived costs.
//
//   node bench/python-bridge.mjs [--runs 9]
// The reference Chaos Toolkit (and its Python, which the bridge uses here too) comes from
// scripts/reference-chaostoolkit.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chaosRun, median, referenceBin, steadystateRun, timeCommand } from './side-by-side.mjs'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' } } })
const runs = Number(values.runs)
const bin = referenceBin()
const work = mkdtempSync(join(tmpdir(), 'steadystate-bench-python-'))
writeFileSync(join(work, 'noop.py'), 'def noop(value=0):\n    return value\n')
writeFileSync(join(work, 'settings.yaml'), '{}\n')

function experiment(calls) {
  const method = [{ type: 'action', name: 'start', provider: { type: 'process', path: 'true' } }]
  for (let i = 0; i < calls; i++)
    method.push({
      type: 'probe',
      name: `noop-${i}`,
      provider: { type: 'python', module: 'noop', func: 'noop', arguments: { value: i } },
    })
  const path = join(work, `calls-${calls}.json`)
  writeFileSync(path, JSON.stringify({ title: `${calls} Python calls`, description: 'bench', method }))
  return path
}

const env = { ...process.env, CI: 'true', PYTHONPATH: work, STEADYSTATE_PYTHON: join(bin, 'python') }
const time = (argv) => timeCommand(argv, { cwd: work, env })
const ours = (file) => steadystateRun(file, join(work, 'ours.json'))
const theirs = (file) => chaosRun(bin, join(work, 'settings.yaml'), file, join(work, 'theirs.json'))

const results = {}
for (const calls of [0, 1, 21]) {
  const file = experiment(calls)
  time(ours(file))
  time(theirs(file))
  const mine = []
  const reference = []
  for (let i = 0; i < runs; i++) {
    mine.push(time(ours(file)))
    reference.push(time(theirs(file)))
  }
  results[calls] = { ours: median(mine), theirs: median(reference) }
}
const ms = (value) => `${value.toFixed(0)} ms`.padStart(9)
console.log(`Python activities, steadystate (bridge) vs chaos run: median wall time of ${runs} runs each`)
console.log(`${'experiment'.padEnd(44)} ${'steadystate'.padStart(11)} ${'chaos'.padStart(9)}`)
for (const calls of [0, 1, 21])
  console.log(
    `${`run with ${calls} Python calls`.padEnd(44)} ${ms(results[calls].ours).padStart(11)} ${ms(results[calls].theirs)}`,
  )
const first = (tool) => results[1][tool] - results[0][tool]
const further = (tool) => (results[21][tool] - results[1][tool]) / 20
console.log(
  `${'first Python activity (steadystate: worker start)'.padEnd(44)} ${ms(first('ours')).padStart(11)} ${ms(first('theirs'))}`,
)
console.log(
  `${'each further Python activity'.padEnd(44)} ${ms(further('ours')).padStart(11)} ${ms(further('theirs'))}`,
)
