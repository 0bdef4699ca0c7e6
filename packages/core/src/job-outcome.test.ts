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
  ] as const)('%s with failOnDeviation=%s fails: %s', (kind, failOnDeviation, fail) => {
    expect(jobShouldFail(journal(kind), failOnDeviation)).toEqual({ fail, reason: `verdict ${kind}` })
  })
  it('derives a verdict for journals the Chaos Toolkit wrote', () => {
    expect(jobShouldFail(journal(undefined, 'completed', true), true).fail).toBe(true)
    expect(jobShouldFail(journal(undefined, 'completed', false), true).fail).toBe(false)
    expect(jobShouldFail(journal(undefined, 'interrupted'), false)).toEqual({
      fail: true,
      reason: 'status interrupted',
    })
  })
})
