// Kills runs with SIGKILL at random moments and checks what they leave behind.
//
// Each run is the built CLI on a process-only experiment whose method injects a "fault" (creates a
// file) and whose rollbacks remove it, with phases long enough that a random moment lands before the
// method, in it, after it or in the rollbacks. Each run is killed (the CLI and every process it
// started, as a lost machine or an OOM-killed pod would be) after a random delay, some after they
// finished. Then `steadystate rollback --if-pending` runs on each journal. Counted:
//   - false claims: journals that claim an outcome while a fault is in place or a rollback is missing
//     (must be 0; a journal written during the run says `running`);
//   - faults left after `steadystate rollback` (must be 0).
//
//   node bench/kill-anywhere.mjs [--runs 200] [--seed 1] [--concurrency 2] [--json]
// test/e2e/kill-anywhere.test.ts runs it with a smaller count; the README gives the full figure.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
// The built engine (bench/ runs after `pnpm build`): the seedable PRNG the tests use too.
import { seededRandom } from '../packages/core/dist/index.js'
import { killTree } from './kill-tree.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const CLI = join(root, 'packages/cli/bin/steadystate.js')

const sh = (script) => ({ type: 'process', path: 'sh', arguments: ['-c', script] })
const EXPERIMENT = {
  title: 'A fault that must always be undone',
  description: 'The method creates the file "fault"; the rollbacks remove it.',
  'steady-state-hypothesis': {
    title: 'the service is fine',
    probes: [{ type: 'probe', name: 'fine', tolerance: 0, provider: sh('sleep 0.1') }],
  },
  method: [
    { type: 'action', name: 'inject-fault', provider: sh('touch fault; sleep 0.3') },
    { type: 'action', name: 'hold-it', provider: sh('sleep 0.2') },
  ],
  rollbacks: [
    { type: 'action', name: 'remove-fault', provider: sh('sleep 0.2; rm -f fault') },
    { type: 'action', name: 'check-it-is-gone', provider: sh('test ! -e fault') },
  ],
}

function readJournal(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'journal.json'), 'utf8'))
  } catch {
    return undefined
  }
}

/** Where a run was when it was killed, from what its journal says. */
function phaseOf(journal, exited) {
  if (exited) return 'finished before the kill'
  if (journal === undefined) return 'before its first journal'
  if (journal.status !== 'running') return 'after its final journal'
  return `in ${journal.steadystate?.progress?.phase ?? '?'}`
}

/** One run killed after `delayMs`; what it left, then what `steadystate rollback` made of it. */
async function killedRun(work, index, delayMs) {
  const dir = join(work, `run-${index}`)
  spawnSync('mkdir', ['-p', dir])
  writeFileSync(join(dir, 'experiment.json'), JSON.stringify(EXPERIMENT))
  const child = spawn(process.execPath, [CLI, 'run', 'experiment.json'], { cwd: dir, stdio: 'ignore' })
  let exited = false
  const done = new Promise((resolve) => child.on('close', resolve)).then(() => (exited = true))
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, delayMs))])
  const killed = !exited
  if (killed) killTree(child.pid)
  await done
  const journal = readJournal(dir)
  const faultAfterKill = existsSync(join(dir, 'fault'))
  const pending = journal?.steadystate?.progress?.rollbacksPending === true
  // A journal is false when a fault is in place and it does not say rollbacks are pending, or when
  // it claims an outcome (a final status) while a rollback it records never finished.
  const final = journal !== undefined && journal.status !== 'running' && !pending
  const unfinishedRollback = (journal?.rollbacks ?? []).some((run) => run.status === undefined)
  const falseClaim = (faultAfterKill && !pending) || (final && unfinishedRollback)
  const rollback = spawnSync(process.execPath, [CLI, 'rollback', 'journal.json', '--if-pending'], {
    cwd: dir,
    encoding: 'utf8',
  })
  return {
    delayMs,
    killed,
    phase: phaseOf(journal, !killed),
    status: journal?.status ?? 'no journal',
    faultAfterKill,
    falseClaim,
    rollbackExit: rollback.status,
    rolledBack: /rewritten with the rollbacks/.test(rollback.stderr),
    faultLeft: existsSync(join(dir, 'fault')),
  }
}

/** How long an unkilled run takes, so the kill moments cover all of it. */
function calibrate(work) {
  const dir = join(work, 'calibration')
  spawnSync('mkdir', ['-p', dir])
  writeFileSync(join(dir, 'experiment.json'), JSON.stringify(EXPERIMENT))
  const started = performance.now()
  const result = spawnSync(process.execPath, [CLI, 'run', 'experiment.json'], { cwd: dir })
  if (result.status !== 0) throw new Error(`the experiment does not pass unkilled: ${result.stderr}`)
  return performance.now() - started
}

export async function killAnywhere({ runs = 200, seed = 1, concurrency = 2 } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'steadystate-kill-'))
  const durationMs = calibrate(work)
  const next = seededRandom(seed)
  // Up to a quarter past the end (runs side by side are slower), so some finish before their kill.
  const delays = Array.from({ length: runs }, () => Math.round(next() * durationMs * 1.25))
  const results = []
  let cursor = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (cursor < delays.length) {
        const index = cursor++
        results[index] = await killedRun(work, index, delays[index])
      }
    }),
  )
  const count = (predicate) => results.filter(predicate).length
  const phases = {}
  for (const result of results) phases[result.phase] = (phases[result.phase] ?? 0) + 1
  return {
    runs,
    seed,
    unkilledRunMs: Math.round(durationMs),
    killed: count((r) => r.killed),
    phases,
    // Killed runs whose journal says `completed` while their fault was still in place.
    completedWhileFaulted: count((r) => r.status === 'completed' && r.faultAfterKill),
    faultsAfterKill: count((r) => r.faultAfterKill),
    falseClaims: count((r) => r.falseClaim),
    rolledBack: count((r) => r.rolledBack),
    rollbackFailures: count((r) => r.rollbackExit !== 0),
    faultsLeftAfterRollback: count((r) => r.faultLeft),
    work,
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '200' },
      seed: { type: 'string', default: '1' },
      concurrency: { type: 'string', default: '2' },
      json: { type: 'boolean', default: false },
    },
  })
  const summary = await killAnywhere({
    runs: Number(values.runs),
    seed: Number(values.seed),
    concurrency: Number(values.concurrency),
  })
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`)
  else {
    process.stdout.write(
      [
        `${summary.runs} runs (seed ${summary.seed}), killed with SIGKILL at random moments over an unkilled run of ${summary.unkilledRunMs} ms:`,
        ...Object.entries(summary.phases).map(([phase, n]) => `  ${String(n).padStart(4)} ${phase}`),
        `journals saying "completed" with the fault in place: ${summary.completedWhileFaulted}`,
        `journals claiming what did not happen:              ${summary.falseClaims}`,
        `faults in place after the kill:                     ${summary.faultsAfterKill}`,
        `runs \`steadystate rollback\` recovered:              ${summary.rolledBack} (failures: ${summary.rollbackFailures})`,
        `faults left after \`steadystate rollback\`:           ${summary.faultsLeftAfterRollback}`,
        '',
      ].join('\n'),
    )
  }
  if (summary.falseClaims > 0 || summary.faultsLeftAfterRollback > 0 || summary.rollbackFailures > 0)
    process.exitCode = 1
}
