import type { Journal } from '@steadystate/model'
import { describe, expect, it } from 'vitest'
import { runExperiment, type RunOptions } from './run-experiment.ts'
import { action, testExperiment, testRegistry } from '../../test-support/test-registry.ts'

function experiment(parts: Record<string, unknown> = {}): Record<string, unknown> {
  return testExperiment({
    method: [action('inject'), action('wait')],
    rollbacks: [action('repair')],
    ...parts,
  })
}

async function checkpointsOf(doc: Record<string, unknown>, options: Partial<RunOptions> = {}) {
  const { registry } = testRegistry()
  const checkpoints: Journal[] = []
  const result = await runExperiment(doc, {
    source: 'test.json',
    registry,
    env: {},
    cwd: process.cwd(),
    version: '0.0.0-test',
    onCheckpoint: (journal) => {
      checkpoints.push(journal)
    },
    ...options,
  })
  return { checkpoints, journal: result.journal }
}

/** phase/activity/pending of each checkpoint, in order. */
function progressOf(checkpoints: Journal[]): string[] {
  return checkpoints.map((journal) => {
    const progress = journal.steadystate?.progress
    return `${progress?.phase ?? '-'} ${progress?.activity ?? '-'} ${String(progress?.rollbacksPending)}`
  })
}

describe('journal checkpoints', () => {
  it('all say the run is in progress; only the final journal carries the outcome', async () => {
    const { checkpoints, journal } = await checkpointsOf(experiment())
    expect(checkpoints.length).toBeGreaterThan(5)
    for (const checkpoint of checkpoints) {
      expect(checkpoint.status).toBe('running')
      expect(checkpoint.deviated).toBe(false)
      expect(checkpoint.steadystate?.verdict.kind).toBe('unfinished')
    }
    expect(journal.status).toBe('completed')
    expect(journal.steadystate?.verdict.kind).toBe('held')
    expect(journal.steadystate?.progress).toBeUndefined()
  })

  it('say rollbacks are pending from the start of the method until every rollback has run', async () => {
    const { checkpoints } = await checkpointsOf(experiment())
    expect(progressOf(checkpoints)).toEqual([
      'before is-ok false',
      'before - false',
      'before - false',
      'method - true',
      'method inject true',
      'method - true',
      'method wait true',
      'method - true',
      'method - true',
      'after is-ok true',
      'after - true',
      'after - true',
      'rollbacks - true',
      'rollbacks repair true',
      'rollbacks - true',
      'finishing - false',
    ])
    const inMethod = checkpoints[4]
    expect(inMethod?.run.map((run) => [run.activity.name, run.status ?? 'in progress'])).toEqual([
      ['inject', 'in progress'],
    ])
    expect(inMethod?.steadystate?.verdict.summary).toBe(
      "The run had not finished when this journal was written (it was in the method, activity 'inject'): a fault may still be in place: its rollbacks have not all run (`steadystate rollback` on this journal plays them).",
    )
  })

  it('are not pending when the rollback strategy would not play them, or a dry run injects nothing', async () => {
    const never = await checkpointsOf(experiment(), { rollbackStrategy: 'never' })
    expect(never.checkpoints.every((c) => c.steadystate?.progress?.rollbacksPending === false)).toBe(true)
    const dry = await checkpointsOf(experiment(), { dry: 'actions' })
    expect(dry.checkpoints.every((c) => c.steadystate?.progress?.rollbacksPending === false)).toBe(true)
    const noRollbacks = await checkpointsOf(experiment({ rollbacks: [] }))
    expect(noRollbacks.checkpoints.at(-2)?.steadystate?.verdict.summary).toMatch(
      /: the experiment declares no rollbacks\.$/,
    )
  })

  it('an interruption is recorded, but the status stays running until the rollbacks have run', async () => {
    const controller = new AbortController()
    const { checkpoints, journal } = await checkpointsOf(
      experiment({ method: [action('wait', 'sleep', { seconds: 10 })] }),
      {
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === 'activity-started' && event.name === 'wait') controller.abort('SIGTERM')
        },
      },
    )
    const interrupted = checkpoints.filter((c) => c.steadystate?.interruption !== undefined)
    expect(interrupted.length).toBeGreaterThan(0)
    for (const checkpoint of interrupted) expect(checkpoint.status).toBe('running')
    expect(journal.status).toBe('interrupted')
  })

  it('the method does not start when the journal cannot be written first', async () => {
    const { registry, calls } = testRegistry()
    const result = await runExperiment(experiment(), {
      source: 'test.json',
      registry,
      env: {},
      cwd: process.cwd(),
      version: '0.0.0-test',
      onCheckpoint: (journal) =>
        journal.steadystate?.progress?.phase === 'method'
          ? Promise.reject(new Error('ENOSPC: no space left on device'))
          : Promise.resolve(),
    })
    expect(calls.map((call) => call.args.value)).toEqual(['ok', 'repair'])
    expect(result.journal.status).toBe('aborted')
    expect(result.journal.steadystate?.error).toEqual({
      code: 'JOURNAL_UNWRITABLE',
      message:
        'the journal could not be written before the method, so the method was not started: ENOSPC: no space left on device',
    })
  })
})
