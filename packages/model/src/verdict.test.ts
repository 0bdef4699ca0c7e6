import { describe, expect, it } from 'vitest'
import {
  deriveVerdictKind,
  verdictClass,
  verdictTolerable,
  VERDICT_KINDS,
  type VerdictFacts,
} from './verdict.ts'

const facts = (parts: Partial<VerdictFacts>): VerdictFacts => ({
  status: 'completed',
  deviated: false,
  notTested: false,
  methodFailures: 0,
  ...parts,
})

describe('deriveVerdictKind: one set of rules for the engine, the job policy and the report', () => {
  it.each([
    [{}, 'held'],
    [{ deviated: true }, 'deviated'],
    [{ notTested: true }, 'not-tested'],
    // chaoslib before 1.35, or a probe that errored before the method: status failed, not tested.
    [{ status: 'failed', notTested: true }, 'not-tested'],
    [{ status: 'failed' }, 'failed'],
    [{ methodFailures: 2 }, 'incomplete'],
    [{ deviated: true, methodFailures: 1 }, 'deviated'],
    [{ status: 'aborted', deviated: true }, 'aborted'],
    [{ status: 'interrupted' }, 'interrupted'],
    [{ status: 'running' }, 'unfinished'],
    // A status the Chaos Toolkit does not know reads as completed, as chaoslib normalises it.
    [{ status: 'weird' }, 'held'],
  ] as const)('%o → %s', (given, kind) => {
    expect(deriveVerdictKind(facts(given))).toBe(kind)
  })

  it('counts only held as passed, and unfinished apart; deviations are what a lenient job tolerates', () => {
    expect(VERDICT_KINDS.filter((kind) => verdictClass(kind) === 'passed')).toEqual(['held'])
    expect(VERDICT_KINDS.filter((kind) => verdictClass(kind) === 'unfinished')).toEqual(['unfinished'])
    expect(VERDICT_KINDS.filter(verdictTolerable)).toEqual(['incomplete', 'not-tested', 'deviated'])
  })
})
