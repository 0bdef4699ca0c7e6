// See bench/kubernetes. Prints medians and the ratio steadystate / Chaos Toolkit, and peak memory.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({
  options: {
    chaos: { type: 'string' },
    runs: { type: 'string', default: '5' },
    pods: { type: 'string', default: '1000' },
  },
})
const runs = Number(values.runs)
const work = mkdtempSync(join(tmpdir(), 'steadystate-k8s-bench-'))
const kubectlPath = join(root, 'test/cluster/bin/kubectl')
const kubectl = (args, input) =>
  execFileSync(kubectlPath, args, {
    input,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'inherit'],
  })
const steadystate = [process.execPath, join(root, 'packages/cli/bin/steadystate.js')]
const env = { ...process.env, CI: 'true' }

function time(argv) {
  const started = process.hrtime.bigint()
  const result = spawnSync(argv[0], argv.slice(1), { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'] })
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr}`)
  return Number(process.hrtime.bigint() - started) / 1e9
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function waitReady(ns, selector, count) {
  for (let i = 0; i < 600; i++) {
    const pods = JSON.parse(kubectl(['-n', ns, 'get', 'pods', '-l', selector, '-o', 'json'])).items
    const ready = pods.filter(
      (p) =>
        !p.metadata.deletionTimestamp &&
        p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    )
    if (ready.length >= count) return
    spawnSync('sleep', ['0.5'])
  }
  throw new Error(`${selector}: ${count} pods never became Ready`)
}

// 1. The seed, without its 5 s pause, against StatefulSet my-app and Deployment myapp in `default`.
const workload = (kind, name, labels, replicas, extra = {}) => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name, namespace: 'default', labels },
  spec: {
    replicas,
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: { containers: [{ name: 'app', image: 'registry.invalid/app:1' }] },
    },
    ...extra,
  },
})
kubectl(
  ['apply', '-f', '-'],
  [
    workload('Deployment', 'myapp', { app: 'myapp' }, 2),
    workload('StatefulSet', 'my-app', { app: 'my-app' }, 10, {
      serviceName: 'my-app',
      podManagementPolicy: 'Parallel',
    }),
  ]
    .map((o) => JSON.stringify(o))
    .join('\n---\n'),
)
waitReady('default', 'app=my-app', 10)
waitReady('default', 'app=myapp', 2)
spawnSync('sleep', ['2'])

const seed = JSON.parse(readFileSync(join(root, 'test/fixtures/conformance/seed/experiment.json'), 'utf8'))
for (const activity of seed.method) delete activity.pauses
writeFileSync(join(work, 'seed-no-pause.json'), JSON.stringify(seed))
// The reference's microservice_available_and_healthy returns None, so its hypothesis is never met and
// it skips the method. The "fair" variant asks deployment_available_and_healthy (True in both), so
// both tools terminate a pod.
const fair = structuredClone(seed)
fair['steady-state-hypothesis'].probes[0].provider = {
  type: 'python',
  module: 'chaosk8s.deployment.probes',
  func: 'deployment_available_and_healthy',
  arguments: { name: 'myapp' },
}
writeFileSync(join(work, 'seed-fair.json'), JSON.stringify(fair))

console.log(`Kubernetes: median wall time of ${runs} runs each, alternated, node ${process.versions.node}`)
console.log(
  `${'case'.padEnd(58)} ${'steadystate'.padStart(12)} ${'chaos'.padStart(10)} ${'ratio'.padStart(7)}`,
)
for (const [name, note] of [
  ['seed-no-pause.json', 'seed, no pause (chaos skips the method)'],
  ['seed-fair.json', 'seed, no pause, both terminate a pod'],
]) {
  const ours = []
  const theirs = []
  const path = join(work, name)
  time([...steadystate, 'run', path, '--journal-path', join(work, 'ours.json')])
  time([
    values.chaos,
    '--no-version-check',
    '--no-log-file',
    'run',
    path,
    '--journal-path',
    join(work, 'theirs.json'),
  ])
  for (let i = 0; i < runs; i++) {
    waitReady('default', 'app=my-app', 10)
    ours.push(time([...steadystate, 'run', path, '--journal-path', join(work, 'ours.json')]))
    waitReady('default', 'app=my-app', 10)
    theirs.push(
      time([
        values.chaos,
        '--no-version-check',
        '--no-log-file',
        'run',
        path,
        '--journal-path',
        join(work, 'theirs.json'),
      ]),
    )
  }
  const ms = (s) => `${(s * 1000).toFixed(0)} ms`
  console.log(
    `${note.padEnd(58)} ${ms(median(ours)).padStart(12)} ${ms(median(theirs)).padStart(10)} ${(median(ours) / median(theirs)).toFixed(2).padStart(6)}x`,
  )
}
console.log('target: at most 0.30x')
kubectl(['-n', 'default', 'delete', 'statefulset/my-app', 'deployment/myapp', '--wait=false'])

// 2. Peak memory while terminating and watching N pods.
const pods = Number(values.pods)
kubectl(
  ['apply', '-f', '-'],
  JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench-mass' } }),
)
kubectl(
  ['apply', '-f', '-'],
  JSON.stringify({
    ...workload('Deployment', 'mass', { app: 'mass' }, pods),
    metadata: { name: 'mass', namespace: 'bench-mass', labels: { app: 'mass' } },
  }),
)
process.stdout.write(`waiting for ${pods} Ready pods… `)
waitReady('bench-mass', 'app=mass', pods)
console.log('ready')
const mass = {
  title: `terminate ${pods} pods`,
  description: 'memory benchmark',
  configuration: { steadystate_guardrails: { max_pods: pods } },
  method: [
    {
      type: 'action',
      name: 'terminate-all',
      provider: {
        type: 'python',
        module: 'chaosk8s.pod.actions',
        func: 'terminate_pods',
        arguments: { label_selector: 'app=mass', ns: 'bench-mass', all: true },
      },
    },
  ],
}
writeFileSync(join(work, 'mass.json'), JSON.stringify(mass))
const started = Date.now()
const measured = spawnSync(
  '/usr/bin/time',
  [
    '-f',
    '%M',
    ...steadystate,
    'run',
    join(work, 'mass.json'),
    '--journal-path',
    join(work, 'mass-journal.json'),
  ],
  { cwd: work, env, encoding: 'utf8' },
)
const peakKb = Number(measured.stderr.trim().split('\n').at(-1))
const journal = JSON.parse(readFileSync(join(work, 'mass-journal.json'), 'utf8'))
const recovery = journal.steadystate.measurements.find((m) => m.kind === 'recovery')?.data
console.log(
  `terminated ${journal.run[0].output.length} pods, ${recovery.victims.filter((v) => v.recovered).length} replacements Ready (last after ${recovery.recoverySeconds} s), ` +
    `in ${((Date.now() - started) / 1000).toFixed(1)} s; peak memory ${(peakKb / 1024).toFixed(0)} MB (target: under 200 MB)`,
)
kubectl(['delete', 'namespace', 'bench-mass', '--wait=false'])
