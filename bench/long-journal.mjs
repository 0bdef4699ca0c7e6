// Writes a steadystate journal of a long continuous-hypothesis run with about N activity runs (default
// 5,000): two hypothesis probes checked every 0.25 s while a latency fault is held for the method,
// a few checks deviating. Used by bench/report.mjs and the report end-to-end tests.
//   node bench/long-journal.mjs OUT.json [RUNS]
import { writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

const START = Date.parse('2026-11-20T10:00:00.000Z')
const iso = (seconds) => new Date(START + seconds * 1000).toISOString().replace('Z', '+00:00')

const probes = [
  {
    type: 'probe',
    name: 'checkout-answers-200',
    tolerance: 200,
    provider: { type: 'http', url: 'http://checkout.shop.svc/health', timeout: 2 },
  },
  {
    type: 'probe',
    name: 'p99-latency-below-300ms',
    tolerance: { type: 'range', range: [0, 0.3], target: 'stdout' },
    provider: { type: 'process', path: 'latency-p99', arguments: ['--service', 'checkout'] },
  },
]
const method = [
  {
    type: 'action',
    name: 'inject-200ms-latency',
    provider: { type: 'process', path: 'tc', arguments: 'qdisc add dev eth0 root netem delay 200ms' },
    pauses: { after: 0 },
  },
  {
    type: 'action',
    name: 'remove-latency',
    provider: { type: 'process', path: 'tc', arguments: 'qdisc del dev eth0 root' },
  },
]
const rollback = {
  type: 'action',
  name: 'make-sure-latency-is-gone',
  provider: { type: 'process', path: 'tc', arguments: 'qdisc del dev eth0 root' },
}

function probeRun(probe, at, met) {
  const output =
    probe.provider.type === 'http'
      ? {
          status: met ? 200 : 503,
          headers: { 'Content-Type': 'text/plain' },
          body: met ? 'ok' : 'upstream timeout',
        }
      : { status: 0, stdout: met ? '0.241\n' : '0.412\n', stderr: '' }
  return {
    activity: probe,
    output,
    start: iso(at),
    status: 'succeeded',
    end: iso(at + 0.012),
    duration: 0.012,
    tolerance_met: met,
  }
}

function actionRun(action, at, duration) {
  return {
    activity: action,
    output: { status: 0, stdout: '', stderr: '' },
    start: iso(at),
    status: 'succeeded',
    end: iso(at + duration),
    duration,
  }
}

export function longJournal(runs = 5000) {
  const iterations = Math.max(1, Math.ceil((runs - 7) / probes.length))
  const held = iterations * 0.25
  const hypothesis = (at) => ({
    steady_state_met: true,
    probes: probes.map((probe, i) => probeRun(probe, at + i * 0.013, true)),
  })
  const during = Array.from({ length: iterations }, (_, index) => {
    const at = 0.2 + index * 0.25
    // A short burst of deviations a third of the way in, as a latency fault would cause.
    const met = !(index > iterations / 3 && index < iterations / 3 + 12)
    return {
      steady_state_met: met,
      probes: probes.map((probe, i) => probeRun(probe, at + i * 0.013, met || i === 0)),
    }
  })
  const end = held + 0.6
  const methodEnd = 0.05 + held
  return {
    'chaoslib-version': '1.45.0',
    platform: 'Linux-6.1.0-x86_64',
    node: 'bench-runner',
    experiment: {
      title: 'Checkout stays fast while the network is slow',
      description:
        'Adds 200 ms of latency for the whole method while the hypothesis is checked continuously.',
      tags: ['latency', 'continuous'],
      'steady-state-hypothesis': { title: 'Checkout is healthy and fast', probes },
      method,
      rollbacks: [rollback],
      dry: null,
    },
    start: iso(0),
    status: 'completed',
    deviated: false,
    steady_states: { before: hypothesis(0.001), after: hypothesis(methodEnd + 0.1), during },
    run: [
      actionRun({ ...method[0], pauses: { after: held - 0.1 } }, 0.04, 0.05),
      actionRun(method[1], methodEnd, 0.04),
    ],
    rollbacks: [actionRun(rollback, methodEnd + 0.2, 0.03)],
    end: iso(end),
    duration: end,
    steadystate: {
      version: '0.1.0',
      runtime: `node ${process.versions.node} on ${process.platform}-${process.arch}`,
      options: {
        rollbackStrategy: 'always',
        hypothesisStrategy: 'continuously',
        hypothesisFrequency: 0.25,
        failFast: false,
        dry: null,
      },
      verdict: { kind: 'held', summary: 'The steady state held before and after the method.' },
      warnings: [
        'the steady state was not met during the method 11 times (without --fail-fast, this only warns)',
      ],
      rollbacks: { strategy: 'always', played: true, reason: "rollback strategy 'always'" },
      redactions: 0,
      measurements: [],
    },
  }
}

export function countRuns(journal) {
  const states = journal.steady_states
  return (
    (states.before?.probes.length ?? 0) +
    (states.after?.probes.length ?? 0) +
    states.during.reduce((sum, state) => sum + state.probes.length, 0) +
    journal.run.length +
    journal.rollbacks.length
  )
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [out, runs] = process.argv.slice(2)
  if (out === undefined) throw new Error('usage: node bench/long-journal.mjs OUT.json [RUNS]')
  const journal = longJournal(runs === undefined ? undefined : Number(runs))
  writeFileSync(out, `${JSON.stringify(journal, null, 2)}\n`)
  console.log(`${out}: ${countRuns(journal)} activity runs`)
}
