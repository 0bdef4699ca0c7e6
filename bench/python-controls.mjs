// What a Python control costs a run, in steadystate (hooks in its Python worker) and in `chaos run`
// (hooks in its own process), measured in the same run of this script. The control is a no-op
// defining every hook chaostoolkit-lib calls; the experiments have one hypothesis probe, 1 or 201
// method actions and one rollback, all `process` activities, so that steadystate starts no Python
// without the control. Alternates the two tools and prints medians of wall and CPU time (of the
// whole process tree: robust to other work on the machine), the overhead of the control in each
// tool, and the ratios.
//
//   node bench/python-controls.mjs [--runs 7]
// The reference Chaos Toolkit (and its Python, which the bridge uses here too) comes from
// scripts/reference-chaostoolkit.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chaosRun, measureCommand, median, referenceBin, steadystateRun } from './side-by-side.mjs'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } })
const runs = Number(values.runs)
const bin = referenceBin()
const work = mkdtempSync(join(tmpdir(), 'steadystate-bench-controls-'))
const levels = ['experiment', 'hypothesis', 'method', 'rollback', 'activity']
const hooks = levels.flatMap((level) => [`before_${level}_control`, `after_${level}_control`])
writeFileSync(
  join(work, 'noop_control.py'),
  ['def configure_control(**kwargs):\n    pass', 'def cleanup_control():\n    pass']
    .concat(hooks.map((hook) => `def ${hook}(context, **kwargs):\n    pass`))
    .join('\n') + '\n',
)
writeFileSync(join(work, 'settings.yaml'), '{}\n')

const process_ = (name) => ({ type: 'action', name, provider: { type: 'process', path: 'true' } })
function experiment(actions, controlled) {
  const doc = {
    title: `${actions} actions${controlled ? ', a no-op Python control' : ''}`,
    description: 'bench',
    'steady-state-hypothesis': {
      title: 'holds',
      probes: [{ ...process_('check'), type: 'probe', tolerance: 0 }],
    },
    method: Array.from({ length: actions }, (_, i) => process_(`act-${i}`)),
    rollbacks: [process_('undo')],
    ...(controlled
      ? { controls: [{ name: 'noop', provider: { type: 'python', module: 'noop_control' } }] }
      : {}),
  }
  const path = join(work, `${actions}-${controlled ? 'controlled' : 'plain'}.json`)
  writeFileSync(path, JSON.stringify(doc))
  return path
}
/** Hook calls in a run of `actions` actions: configure, cleanup, 2 per level and per activity. */
const hookCalls = (actions) => 2 + 2 * (1 + 2 + 1 + 1) + 2 * (2 + actions + 1)

const env = { ...process.env, CI: 'true', PYTHONPATH: work, STEADYSTATE_PYTHON: join(bin, 'python') }
const measure = (argv) => measureCommand(argv, { cwd: work, env })
const tools = {
  steadystate: (file) => steadystateRun(file, join(work, 'ours.json')),
  chaos: (file) => chaosRun(bin, join(work, 'settings.yaml'), file, join(work, 'theirs.json')),
}
const metrics = ['wall', 'cpu']

// Every run of every case in turn, so that a change of the machine's load falls on all of them.
const cases = [1, 201].flatMap((actions) =>
  [false, true].map((controlled) => ({
    key: `${actions}-${controlled}`,
    file: experiment(actions, controlled),
  })),
)
const samples = Object.fromEntries(cases.map(({ key }) => [key, { steadystate: [], chaos: [] }]))
for (let i = -1; i < runs; i++)
  for (const { key, file } of cases)
    for (const tool of Object.keys(tools)) {
      const measured = measure(tools[tool](file))
      if (i >= 0) samples[key][tool].push(measured) // the first round warms the caches
    }
/** The median of a case's runs, in ms of wall or CPU time. */
const result = (key, tool, metric) => median(samples[key][tool].map((sample) => sample[metric]))

const ms = (value) => `${value.toFixed(0)} ms`.padStart(9)
const ratio = (value) => `${value.toFixed(2)}x`.padStart(7)
const row = (label, ours, theirs, text = ms) =>
  console.log(
    `${label.padEnd(46)} ${text(ours).padStart(11)} ${text(theirs).padStart(9)} ${ratio(ours / theirs)}`,
  )
for (const metric of metrics) {
  const of = (key, tool) => result(key, tool, metric)
  const overhead = (actions, tool) => of(`${actions}-true`, tool) - of(`${actions}-false`, tool)
  // Per hook call: the difference between the two sizes, over the hook calls it adds (2 per action).
  const perHook = (tool) => (overhead(201, tool) - overhead(1, tool)) / (hookCalls(201) - hookCalls(1))
  const fixed = (tool) => overhead(1, tool) - hookCalls(1) * perHook(tool)
  console.log(`\nA no-op Python control on every hook: median ${metric} time of ${runs} runs each`)
  console.log(
    `${'run'.padEnd(46)} ${'steadystate'.padStart(11)} ${'chaos'.padStart(9)} ${'ratio'.padStart(7)}`,
  )
  for (const { key } of cases) {
    const [actions, controlled] = key.split('-')
    const label = `${actions} actions (${hookCalls(Number(actions))} hook calls)${controlled === 'true' ? ', with the control' : ''}`
    row(label, of(key, 'steadystate'), of(key, 'chaos'))
  }
  for (const actions of [1, 201])
    row(
      `the control's overhead, ${actions} actions`,
      overhead(actions, 'steadystate'),
      overhead(actions, 'chaos'),
    )
  row('each further hook call', perHook('steadystate'), perHook('chaos'), (v) => `${v.toFixed(2)} ms`)
  row("fixed cost (steadystate: the worker's start)", fixed('steadystate'), fixed('chaos'))
  row(
    'with the control / without, 201 actions',
    of('201-true', 'steadystate') / of('201-false', 'steadystate'),
    of('201-true', 'chaos') / of('201-false', 'chaos'),
    (v) => `${v.toFixed(2)}x`,
  )
}
