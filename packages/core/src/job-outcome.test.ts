import type { Journal, VerdictKind } from '@steadystate/model'
import { describe, expect, it } from 'vitest'
import { jobShouldFail } from './job-outcome.ts'

function journal(
  kind: VerdictKind | undefined,
  status: Journal['status'] = 'completed',
  deviated = false,
): Journal {
  return {
    status,
    deviated,
    ...(kind === undefined ? {} : { steadystate: { verdict: { kind, summary: `verdict ${kind}` } } }),
  } as Journal
}

describe('jobShouldFail', () => {
  it.each([
    ['held', true, false],
    ['deviated', true, true],
    ['deviated', false, false],
    ['not-tested', true, true],
    ['incomplete', true, true],
    ['incomplete', false, false],
    ['failed', false, true],
    ['aborted', false, true],
    ['interrupted', false, true],
    ['unfinished', false, true],
  ] as const)('%s with failOnDeviation=%s fails: %s', (kind, failOnDeviation, fail) => {
    expect(jobShouldFail(journal(kind), failOnDeviation)).toEqual({ fail, reason: `verdict ${kind}` })
  })
  it('judges journals the Chaos Toolkit wrote by the same rules as the report', () => {
    expect(jobShouldFail(journal(undefined, 'completed', true), true).fail).toBe(true)
    expect(jobShouldFail(journal(undefined, 'completed', false), true).fail).toBe(false)
    expect(jobShouldFail(journal(undefined, 'interrupted'), false)).toEqual({
      fail: true,
      reason: 'The run was interrupted before it finished.',
    })
    // Not met before the method (chaoslib ≥ 1.35 says completed, not deviated): not tested, not held.
    const notTested = {
      ...journal(undefined),
      steady_states: { before: { steady_state_met: false, probes: [] }, after: null, during: [] },
      run: [],
    }
    expect(jobShouldFail(notTested, true)).toEqual({
      fail: true,
      reason:
        'The steady state was not met BEFORE the method, so the method was skipped and nothing was tested.',
    })
    expect(jobShouldFail(notTested, false).fail).toBe(false)
    // A method activity failed: the fault may not have been injected.
    const incomplete = {
      ...journal(undefined),
      run: [{ activity: { name: 'kill' }, status: 'failed' }],
    } as unknown as Journal
    expect(jobShouldFail(incomplete, true).fail).toBe(true)
    expect(jobShouldFail(incomplete, false).fail).toBe(false)
  })

  it('always fails a journal of a run that did not finish', () => {
    expect(jobShouldFail(journal('unfinished', 'running'), false).fail).toBe(true)
    expect(jobShouldFail(journal(undefined, 'running'), false)).toEqual({
      fail: true,
      reason:
        'The run did not finish: this journal was written while it was in progress, and its rollbacks may not have run.',
    })
  })
})
