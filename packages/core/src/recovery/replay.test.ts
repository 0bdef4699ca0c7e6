import type { Journal } from '@steadystate/model'
import { describe, expect, it } from 'vitest'
import { REDACTED } from '../journal/redact.ts'
import type { RunEvent } from '../run/events.ts'
import { runExperiment } from '../run/run-experiment.ts'
import { action, testExperiment, testRegistry } from '../run/test-registry.ts'
import { planRecovery } from './plan.ts'
import { redactedValuesNeeded } from './redacted.ts'
import { replayRollbacks } from './replay.ts'

function experiment(parts: Record<string, unknown> = {}): Record<string, unknown> {
  return testExperiment({
    method: [action('inject')],
    rollbacks: [action('repair-1'), action('repair-2')],
    ...parts,
  })
}

const base = { source: 'test.json', env: {}, cwd: process.cwd(), version: '0.0.0-test' }

/** The journal a run killed at `when` leaves on disk: its checkpoint at that moment. */
async function killedAt(doc: Record<string, unknown>, when: (journal: Journal) => boolean): Promise<Journal> {
  const { registry } = testRegistry()
  const checkpoints: Journal[] = []
  await runExperiment(doc, {
    ...base,
    registry,
    onCheckpoint: (journal) => {
      checkpoints.push(structuredClone(journal))
    },
  })
  const found = checkpoints.find(when)
  if (found === undefined) throw new Error('no such checkpoint')
  return found
}

const activityIs = (name: string) => (journal: Journal) => journal.steadystate?.progress?.activity === name

async function replay(doc: Record<string, unknown>, journal: Journal, registry = testRegistry()) {
  const events: RunEvent[] = []
  const result = await replayRollbacks(doc, journal, {
    ...base,
    registry: registry.registry,
    by: 'a test',
    onEvent: (event) => events.push(event),
  })
  return { result, calls: registry.calls.map((call) => call.args.value), events }
}

describe('replayRollbacks', () => {
  it('plays the rollbacks of a run killed mid-method, appends them and says it was recovered', async () => {
    const killed = await killedAt(experiment(), activityIs('inject'))
    expect(killed.status).toBe('running')
    const { result, calls, events } = await replay(experiment(), killed)
    expect(calls).toEqual(['repair-1', 'repair-2'])
    if (result.kind !== 'replayed') throw new Error(result.kind)
    const journal = result.journal
    expect(journal.status).toBe('interrupted')
    expect(journal.run.map((run) => [run.activity.name, run.status ?? 'in progress'])).toEqual([
      ['inject', 'in progress'],
    ])
    expect(journal.rollbacks.map((run) => [run.activity.name, run.status])).toEqual([
      ['repair-1', 'succeeded'],
      ['repair-2', 'succeeded'],
    ])
    expect(journal.steadystate?.progress).toBeUndefined()
    expect(journal.steadystate?.recovered).toEqual({ at: journal.end, by: 'a test' })
    expect(journal.steadystate?.interruption).toMatchObject({ phase: 'method' })
    expect(journal.steadystate?.verdict).toEqual({
      kind: 'interrupted',
      summary:
        "The run did not finish (it stopped in the method, activity 'inject'); a test played its 2 pending rollback(s) afterwards, all successfully.",
    })
    expect(events.map((event) => event.type)).toContain('run-finished')
    // Safe to call twice: nothing is pending any more.
    expect(planRecovery(journal, experiment())).toEqual({
      kind: 'nothing-pending',
      reason: `its pending rollbacks were already played by a test at ${journal.end}`,
    })
  })

  it('killed during its rollbacks: plays only those that had not succeeded', async () => {
    const killed = await killedAt(experiment(), activityIs('repair-2'))
    const { result, calls } = await replay(experiment(), killed)
    expect(calls).toEqual(['repair-2'])
    if (result.kind !== 'replayed') throw new Error(result.kind)
    expect(result.journal.rollbacks.map((run) => [run.activity.name, run.status ?? 'in progress'])).toEqual([
      ['repair-1', 'succeeded'],
      ['repair-2', 'in progress'],
      ['repair-2', 'succeeded'],
    ])
    expect(result.journal.steadystate?.verdict.summary).toMatch(/\(1 had succeeded before it stopped\)\.$/)
  })

  it('a rollback that fails again leaves the journal unfinished, and a later call plays only it', async () => {
    const doc = experiment({ rollbacks: [action('repair-1'), action('repair-2', 'fail', { message: 'no' })] })
    const killed = await killedAt(doc, activityIs('inject'))
    const first = await replay(doc, killed)
    if (first.result.kind !== 'replayed') throw new Error(first.result.kind)
    expect(first.result.failed).toBe(1)
    const journal = first.result.journal
    expect(journal.status).toBe('interrupted')
    expect(journal.steadystate?.verdict.kind).toBe('unfinished')
    expect(journal.steadystate?.progress).toMatchObject({ phase: 'rollbacks', rollbacksPending: true })
    expect(journal.steadystate?.recovered).toBeUndefined()
    const fixed = experiment({ rollbacks: [action('repair-1'), action('repair-2')] })
    const second = await replay(fixed, journal)
    expect(second.calls).toEqual(['repair-2'])
    expect(second.result.kind === 'replayed' && second.result.journal.steadystate?.verdict.kind).toBe(
      'interrupted',
    )
  })

  it('nothing pending: killed before the method, a finished run, a journal without steadystate extras', async () => {
    const early = await killedAt(experiment(), activityIs('is-ok'))
    expect((await replay(experiment(), early)).result).toEqual({
      kind: 'nothing-pending',
      reason:
        "the run did not finish (it stopped in the steady-state hypothesis before the method, activity 'is-ok'), but its method had not started, so no fault was injected",
    })
    const { registry } = testRegistry()
    const finished = (await runExperiment(experiment(), { ...base, registry })).journal
    expect(planRecovery(finished, experiment())).toMatchObject({ kind: 'nothing-pending' })
    const chaostoolkit = { ...finished, status: 'interrupted' as const }
    delete chaostoolkit.steadystate
    expect(planRecovery(chaostoolkit, experiment()).kind).toBe('nothing-pending')
  })
})

describe('redactedValuesNeeded', () => {
  it('names the redacted values the rollbacks use, unless a var file gives them', () => {
    const fromJournal = experiment({
      secrets: { api: { token: REDACTED } },
      configuration: { region: 'eu' },
      rollbacks: [
        {
          type: 'action',
          name: 'restore',
          provider: { type: 'process', path: 'restore', arguments: ['--token', '${token}', '${region}'] },
        },
      ],
    })
    const plan = planRecovery(
      {
        steadystate: { progress: { phase: 'method', activity: null, startedAt: '', rollbacksPending: true } },
        rollbacks: [],
      } as unknown as Journal,
      fromJournal,
    )
    if (plan.kind !== 'pending') throw new Error(plan.kind)
    const none = { configuration: {}, secrets: {}, env: {}, sensitive: [] }
    expect(redactedValuesNeeded(fromJournal, plan.replay, {}, none)).toEqual(['secrets.api.token'])
    const given = { ...none, secrets: { api: { token: 'from-the-var-file' } } }
    expect(redactedValuesNeeded(fromJournal, plan.replay, {}, given)).toEqual([])
  })
})
