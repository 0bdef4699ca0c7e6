// Kills Kubernetes runs with SIGKILL at random moments, deletes their journal directory as well (the
// runner vanished with its disk), then lets `steadystate recover` restore the cluster from the record
// each run keeps there. The fault is a real one on the loopback cluster: the method scales a
// Deployment to 0 and cordons a node; the rollbacks scale it back and uncordon the node.
//
// Each worker has a namespace and a (kwok) node of its own and runs one experiment after another:
// start the built CLI, kill its process tree after a random delay (some finish first), delete its
// directory, note the fault left in place, wait for the run's lock to expire (--lock-lease), run
// `steadystate recover --namespace NS`, note what is left. Counted:
//   - faults without a record: a fault in place after the kill with no record in the cluster to
//     undo it (must be 0: the record is written before the method);
//   - recover failures (exit code not 0), faults and records left after `steadystate recover`
//     (must be 0).
//
//   KUBECONFIG=… node bench/kill-anywhere-kubernetes.mjs [--runs 40] [--seed 1] [--workers 2] [--json]
// test/kubernetes/cluster-record.test.ts runs it with a smaller count; the README gives the full figure.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { seededRandom } from '../packages/core/dist/index.js'
import { killTree } from './kill-tree.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const CLI = join(root, 'packages/cli/bin/steadystate.js')
const KUBECTL = join(root, 'test/cluster/bin/kubectl')
const LEASE_SECONDS = 2
const REPLICAS = 2

const kubectl = (args, input) =>
  execFileSync(KUBECTL, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] })

const python = (module, func, args) => ({ type: 'python', module, func, arguments: args })

/** The experiment of one worker: a Deployment scaled to 0 and a node cordoned, both rolled back. */
function experiment(namespace, node) {
  return {
    title: `Web keeps serving without its pods and a node (${namespace})`,
    description: 'A fault that must always be undone, also when the runner vanishes.',
    'steady-state-hypothesis': {
      title: 'web is there',
      probes: [
        {
          type: 'probe',
          name: 'web-exists',
          tolerance: true,
          provider: python('chaosk8s.deployment.probes', 'deployment_available_and_healthy', {
            name: 'web',
            ns: namespace,
          }),
        },
      ],
    },
    method: [
      {
        type: 'action',
        name: 'scale-web-down',
        provider: python('chaosk8s.deployment.actions', 'scale_deployment', {
          name: 'web',
          replicas: 0,
          ns: namespace,
        }),
        pauses: { after: 0.4 },
      },
      {
        type: 'action',
        name: 'cordon-node',
        provider: python('chaosk8s.node.actions', 'cordon_node', { name: node }),
        pauses: { after: 0.4 },
      },
    ],
    rollbacks: [
      {
        type: 'action',
        name: 'scale-web-up',
        provider: python('chaosk8s.deployment.actions', 'scale_deployment', {
          name: 'web',
          replicas: REPLICAS,
          ns: namespace,
        }),
      },
      {
        type: 'action',
        name: 'uncordon-node',
        provider: python('chaosk8s.node.actions', 'uncordon_node', { name: node }),
      },
    ],
  }
}

/** A namespace with Deployment web, and a fake node no pod lands on (tainted): one worker's world. */
function setUpWorker(id) {
  const namespace = `kill-k8s-${id}`
  const node = `steadystate-kill-${id}`
  kubectl(['create', 'namespace', namespace])
  kubectl([
    '-n',
    namespace,
    'create',
    'deployment',
    'web',
    '--image=registry.invalid/web:1',
    `--replicas=${REPLICAS}`,
  ])
  kubectl(
    ['apply', '-f', '-'],
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: node,
        annotations: { 'kwok.x-k8s.io/node': 'fake' },
        labels: { type: 'steadystate-kill' },
      },
      spec: { taints: [{ key: 'steadystate-kill', value: id, effect: 'NoSchedule' }] },
    }),
  )
  return { namespace, node }
}

function tearDownWorker({ namespace, node }) {
  kubectl(['delete', 'namespace', namespace, '--wait=false'])
  kubectl(['delete', 'node', node, '--ignore-not-found'])
}

/** What the fault left: the Deployment's replicas, the node's cordon, the records in the namespace. */
function clusterState({ namespace, node }) {
  const replicas = Number(
    kubectl(['-n', namespace, 'get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}']),
  )
  const cordoned = kubectl(['get', 'node', node, '-o', 'jsonpath={.spec.unschedulable}']) === 'true'
  const records = kubectl([
    '-n',
    namespace,
    'get',
    'configmaps',
    '-l',
    'app.kubernetes.io/managed-by=steadystate',
    '-o',
    'name',
  ])
    .split('\n')
    .filter((line) => line !== '')
  return { faulted: replicas !== REPLICAS || cordoned, replicas, cordoned, records: records.length }
}

function runArgs() {
  return ['run', 'experiment.json', '--lock-lease', String(LEASE_SECONDS), '--log-format', 'plain']
}

/** How long an unkilled run takes. */
function calibrate(world) {
  const dir = mkdtempSync(join(tmpdir(), 'steadystate-kill-k8s-'))
  writeFileSync(join(dir, 'experiment.json'), JSON.stringify(experiment(world.namespace, world.node)))
  const started = performance.now()
  const result = spawnSync(process.execPath, [CLI, ...runArgs()], { cwd: dir, encoding: 'utf8' })
  rmSync(dir, { recursive: true, force: true })
  if (result.status !== 0) throw new Error(`the experiment does not pass unkilled: ${result.stderr}`)
  return performance.now() - started
}

/** One run killed after `delayMs`, its directory deleted; then `steadystate recover`. */
async function killedRun(world, delayMs) {
  const dir = mkdtempSync(join(tmpdir(), 'steadystate-kill-k8s-'))
  writeFileSync(join(dir, 'experiment.json'), JSON.stringify(experiment(world.namespace, world.node)))
  const child = spawn(process.execPath, [CLI, ...runArgs()], { cwd: dir, stdio: 'ignore' })
  let exited = false
  const done = new Promise((resolve) => child.on('close', resolve)).then(() => (exited = true))
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, delayMs))])
  const killed = !exited
  if (killed) killTree(child.pid)
  await done
  rmSync(dir, { recursive: true, force: true })
  const afterKill = clusterState(world)
  // The run's lock (its heartbeat) must expire before its record counts as abandoned.
  await new Promise((resolve) => setTimeout(resolve, (LEASE_SECONDS + 1) * 1000))
  const journals = mkdtempSync(join(tmpdir(), 'steadystate-recovered-'))
  const recover = spawnSync(
    process.execPath,
    [CLI, 'recover', '--namespace', world.namespace, '--journal-dir', journals, '--log-format', 'plain'],
    { encoding: 'utf8' },
  )
  rmSync(journals, { recursive: true, force: true })
  const afterRecover = clusterState(world)
  return {
    delayMs,
    killed,
    faultAfterKill: afterKill.faulted,
    recordAfterKill: afterKill.records > 0,
    recoverExit: recover.status,
    recovered: /every rollback succeeded/.test(recover.stderr),
    recoverLog: recover.status === 0 ? undefined : recover.stderr.slice(-2000),
    faultLeft: afterRecover.faulted,
    recordsLeft: afterRecover.records,
  }
}

export async function killAnywhereKubernetes({ runs = 40, seed = 1, workers = 2 } = {}) {
  const worlds = Array.from({ length: workers }, () => setUpWorker(randomBytes(3).toString('hex')))
  try {
    const durationMs = calibrate(worlds[0])
    const next = seededRandom(seed)
    const delays = Array.from({ length: runs }, () => Math.round(next() * durationMs * 1.25))
    const results = []
    let cursor = 0
    await Promise.all(
      worlds.map(async (world) => {
        while (cursor < delays.length) {
          const index = cursor++
          results[index] = await killedRun(world, delays[index])
        }
      }),
    )
    const count = (predicate) => results.filter(predicate).length
    return {
      runs,
      seed,
      unkilledRunMs: Math.round(durationMs),
      killed: count((r) => r.killed),
      faultsAfterKill: count((r) => r.faultAfterKill),
      faultsWithoutRecord: count((r) => r.faultAfterKill && !r.recordAfterKill),
      recovered: count((r) => r.recovered),
      recoverFailures: count((r) => r.recoverExit !== 0),
      faultsLeftAfterRecover: count((r) => r.faultLeft),
      recordsLeftAfterRecover: count((r) => r.recordsLeft > 0),
      failures: results.filter((r) => r.recoverLog !== undefined).map((r) => r.recoverLog),
    }
  } finally {
    for (const world of worlds) tearDownWorker(world)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '40' },
      seed: { type: 'string', default: '1' },
      workers: { type: 'string', default: '2' },
      json: { type: 'boolean', default: false },
    },
  })
  const summary = await killAnywhereKubernetes({
    runs: Number(values.runs),
    seed: Number(values.seed),
    workers: Number(values.workers),
  })
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`)
  else {
    process.stdout.write(
      [
        `${summary.runs} Kubernetes runs (seed ${summary.seed}), killed with SIGKILL at random moments over an unkilled run of ${summary.unkilledRunMs} ms, their journal directory deleted:`,
        `killed before finishing:                          ${summary.killed}`,
        `faults in place after the kill:                   ${summary.faultsAfterKill}`,
        `  of which with no record in the cluster:         ${summary.faultsWithoutRecord}`,
        `runs \`steadystate recover\` rolled back:           ${summary.recovered} (failures: ${summary.recoverFailures})`,
        `faults left after \`steadystate recover\`:          ${summary.faultsLeftAfterRecover}`,
        `records left after \`steadystate recover\`:         ${summary.recordsLeftAfterRecover}`,
        ...summary.failures.map((log) => `--- a failed recover:\n${log}`),
        '',
      ].join('\n'),
    )
  }
  if (
    summary.faultsWithoutRecord > 0 ||
    summary.recoverFailures > 0 ||
    summary.faultsLeftAfterRecover > 0 ||
    summary.recordsLeftAfterRecover > 0
  )
    process.exitCode = 1
}
