import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ActivityRun, Journal } from '@steadystate/model'
import { beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { readJournal, runCli, tempDir } from '../../../test/support/cli.ts'
import { deployReady, kubectl, useNamespace } from '../../../test/support/kubectl.ts'
import { REPO_ROOT } from '../../../test/support/paths.ts'
import { applyCrds } from './crds.ts'

const EXPERIMENTS = fileURLToPath(new URL('experiments/', import.meta.url))

/** Server-assigned metadata (and a Status's `details`), which differs between any two runs. */
const VOLATILE = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'generation',
  'managedFields',
  'deletionTimestamp',
]

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      (key === 'metadata' || key === 'details') && item !== null && typeof item === 'object'
        ? Object.fromEntries(
            Object.entries(item as Record<string, unknown>).filter(([field]) => !VOLATILE.includes(field)),
          )
        : stable(item),
    ]),
  )
}

/**
 * The reference's objects with the differences the README lists for well-formed calls taken out:
 * the `target: {mode: one, selector: {}}` it always adds to a NetworkChaos, and the `direction` it
 * writes into a StressChaos.
 */
function withoutListedDifferences(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutListedDifferences)
  if (value === null || typeof value !== 'object') return value
  const object = { ...(value as Record<string, unknown>) }
  const spec = { ...(object.spec as Record<string, unknown> | undefined) }
  if (object.kind === 'NetworkChaos' && JSON.stringify(spec.target) === '{"mode":"one","selector":{}}')
    delete spec.target
  if (object.kind === 'StressChaos') delete spec.direction
  if (object.spec !== undefined) object.spec = spec
  if (Array.isArray(object.items)) object.items = object.items.map(withoutListedDifferences)
  return object
}

function activities(journal: Journal): ActivityRun[] {
  return [...journal.run, ...journal.rollbacks]
}

describe('Chaos Mesh experiments through the built CLI, side by side with chaos run', () => {
  const kubeconfig = inject('kubeconfig')
  const namespace = useNamespace(kubeconfig, 'mesh-run')
  let chaos: string
  beforeAll(async () => {
    await applyCrds(kubeconfig, 'chaos-mesh')
    // The reference Chaos Toolkit and chaostoolkit-kubernetes 0.39.0 from PyPI, in a cached virtualenv.
    chaos = join(
      execFileSync(join(REPO_ROOT, 'scripts/reference-chaostoolkit'), { encoding: 'utf8' }).trim(),
      'chaos',
    )
  })
  beforeEach(async () => {
    await deployReady(kubeconfig, namespace(), 'web', 2)
  })

  const env = () => ({ KUBECONFIG: kubeconfig, CHAOS_NAMESPACE: namespace() })
  const faultsLeft = async () =>
    (await kubectl(kubeconfig, ['-n', namespace(), 'get', 'networkchaos,stresschaos', '-o', 'name'])).trim()

  async function runOurs(
    experiment: string,
    extra: string[] = [],
  ): Promise<{ journal: Journal; stderr: string; code: number | null }> {
    const dir = tempDir()
    copyFileSync(join(EXPERIMENTS, experiment), join(dir, 'experiment.json'))
    const result = await runCli(['run', 'experiment.json', ...extra], { cwd: dir, env: env() })
    return { journal: readJournal(join(dir, 'journal.json')), stderr: result.stderr, code: result.code }
  }

  function runReference(experiment: string): { journal: Journal; code: number | null } {
    const dir = tempDir()
    copyFileSync(join(EXPERIMENTS, experiment), join(dir, 'experiment.json'))
    const result = spawnSync(
      chaos,
      ['--no-version-check', '--no-log-file', 'run', 'experiment.json', '--journal-path', 'journal.json'],
      { cwd: dir, env: { PATH: process.env.PATH, HOME: dir, ...env() }, encoding: 'utf8' },
    )
    return { journal: readJournal(join(dir, 'journal.json')), code: result.status }
  }

  it('steadystate run: the hypothesis holds, Chaos Mesh gets the faults it expects, the rollbacks lift them', async () => {
    const ns = namespace()
    const dry = await runOurs('chaos-mesh.json', ['--dry', 'actions'])
    expect(dry.stderr).toContain(
      `dry run: would create NetworkChaos 'web-latency' in namespace '${ns}': delay 100ms on one pod labelled app=web in namespace ${ns} (all traffic); 1 of 2 matching pod(s)`,
    )
    expect(dry.stderr).toContain(
      `dry run: would create StressChaos 'web-cpu' in namespace '${ns}': load the CPU (1 worker(s) at 50%) for 1m on one pod labelled app=web in namespace ${ns}; 1 of 2 matching pod(s)`,
    )
    expect(await faultsLeft()).toBe('')

    const { journal, code, stderr } = await runOurs('chaos-mesh.json')
    expect(code, stderr).toBe(0)
    expect(journal.status).toBe('completed')
    expect(journal.deviated).toBe(false)
    expect(activities(journal).map((run) => [run.activity.name, run.status])).toEqual([
      ['add-latency', 'succeeded'],
      ['stress-cpu', 'succeeded'],
      ['add-latency-again', 'succeeded'],
      ['read-latency-fault', 'succeeded'],
      ['list-stressors', 'succeeded'],
      ['read-through-crd', 'succeeded'],
      ['remove-latency', 'succeeded'],
      ['remove-stress', 'succeeded'],
    ])
    expect(journal.run[0]?.output).toMatchObject({
      kind: 'NetworkChaos',
      metadata: { name: 'web-latency', namespace: ns },
      spec: { action: 'delay', delay: { latency: '100ms', jitter: '10ms' }, mode: 'one', direction: 'to' },
    })
    // A fault of that name exists: left as it is, the output is the API server's 409 (as the reference's).
    expect(journal.run[2]?.output).toMatchObject({ kind: 'Status', reason: 'AlreadyExists', code: 409 })
    expect(stable(journal.run[3]?.output)).toEqual(stable(journal.run[0]?.output))
    expect((journal.run[4]?.output as { items: unknown[] }).items).toHaveLength(1)
    expect(stable(journal.run[5]?.output)).toEqual(stable(journal.run[1]?.output))
    expect(await faultsLeft()).toBe('')
  })

  it('chaos run on the same cluster and experiment: same statuses, equivalent outputs', async () => {
    const ours = await runOurs('chaos-mesh.json')
    expect(await faultsLeft()).toBe('')
    const theirs = runReference('chaos-mesh.json')
    expect(await faultsLeft()).toBe('')
    expect(theirs.code).toBe(ours.code)
    expect([theirs.journal.status, theirs.journal.deviated]).toEqual([
      ours.journal.status,
      ours.journal.deviated,
    ])
    expect(theirs.journal.steady_states.before?.steady_state_met).toBe(true)
    expect(theirs.journal.steady_states.after?.steady_state_met).toBe(true)
    const ourRuns = activities(ours.journal)
    const theirRuns = activities(theirs.journal)
    expect(theirRuns.map((run) => [run.activity.name, run.status])).toEqual(
      ourRuns.map((run) => [run.activity.name, run.status]),
    )
    for (const [index, run] of ourRuns.entries()) {
      const reference = theirRuns[index]
      expect(stable(withoutListedDifferences(reference?.output)), run.activity.name).toEqual(
        stable(run.output),
      )
    }
    // What the listed differences are about, seen in the reference's own output.
    expect(theirs.journal.run[0]?.output).toMatchObject({ spec: { target: { mode: 'one', selector: {} } } })
    expect(theirs.journal.run[1]?.output).toMatchObject({ spec: { direction: 'to' } })
  })

  it('where the reference fails, steadystate injects the fault or says what is missing', async () => {
    const ours = await runOurs('reference-bugs.json')
    const ourRuns = activities(ours.journal)
    expect(await faultsLeft()).toBe('')
    const theirs = runReference('reference-bugs.json')
    const theirRuns = activities(theirs.journal)
    expect(await faultsLeft()).toBe('')
    const error = (run: ActivityRun | undefined) => run?.exception?.at(-1) ?? ''

    expect(ourRuns.map((run) => run.status)).toEqual([
      'succeeded',
      'failed',
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
    ])
    expect(theirRuns.map((run) => run.status)).toEqual([
      'failed',
      'failed',
      'failed',
      'failed',
      'failed',
      'failed',
    ])
    // set_bandwidth: the reference sends `action: bandwdith`, which Chaos Mesh's schema refuses.
    expect(error(theirRuns[0])).toMatch(/spec\.action: Unsupported value: \\+"bandwdith/)
    expect(ourRuns[0]?.output).toMatchObject({ spec: { action: 'bandwidth', bandwidth: { rate: '1mbps' } } })
    // reorder_packets: the reference sends `action: reorder` (no such action); reordering needs a delay.
    expect(error(theirRuns[1])).toMatch(/spec\.action: Unsupported value: \\+"reorder/)
    expect(error(ourRuns[1])).toMatch(
      /reorder_packets needs 'latency' \(e\.g\. "10ms"\): Chaos Mesh refuses this fault without it/,
    )
    // apply_from_yaml: the reference cannot send its text, nor find the plural of NetworkChaos.
    expect(ourRuns[2]?.output).toMatchObject({ kind: 'NetworkChaos', metadata: { name: 'web-loss' } })
    // patch_custom_object with a mapping: a merge patch here; the reference sends it as a JSON Patch.
    expect(ourRuns[3]?.output).toMatchObject({ spec: { bandwidth: { rate: '2mbps', limit: 20000 } } })
    expect(error(theirRuns[3])).toMatch(/Failed to patch custom resource object/)
  })
})
