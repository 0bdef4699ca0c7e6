import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../support/paths.ts'

const run = promisify(execFile)

interface Summary {
  runs: number
  killed: number
  phases: Record<string, number>
  completedWhileFaulted: number
  falseClaims: number
  rollbackFailures: number
  faultsAfterKill: number
  faultsLeftAfterRollback: number
}

/**
 * Runs killed with SIGKILL at random moments (before, during and after the method, during the
 * rollbacks) never leave a journal that claims an outcome, and `steadystate rollback` then leaves no
 * fault. bench/kill-anywhere.mjs is the harness; here with 24 runs, in bench/ with 200 (README).
 */
describe('a run killed at any moment', () => {
  it('leaves a truthful journal, and `steadystate rollback` undoes every fault', async () => {
    const { stdout } = await run(
      process.execPath,
      [join(REPO_ROOT, 'bench/kill-anywhere.mjs'), '--runs', '24', '--seed', '11', '--json'],
      { timeout: 240_000 },
    )
    const summary = JSON.parse(stdout) as Summary
    expect(summary.killed, JSON.stringify(summary.phases)).toBeGreaterThan(summary.runs / 2)
    // Faults were really in place when runs were killed, so the recovery was really tested.
    expect(summary.faultsAfterKill).toBeGreaterThan(0)
    expect(summary.completedWhileFaulted).toBe(0)
    expect(summary.falseClaims).toBe(0)
    expect(summary.rollbackFailures).toBe(0)
    expect(summary.faultsLeftAfterRollback).toBe(0)
  }, 300_000)
})
