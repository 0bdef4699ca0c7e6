import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readJournal, startCli, tempDir } from '../support/cli.ts'

/**
 * SIGINT and SIGTERM at any moment: the current activity stops, the rollbacks run, the journal is
 * written with status `interrupted`, and the exit code is non-zero.
 */
function experiment(dir: string, where: 'pause' | 'process' | 'hypothesis'): string {
  const slow = { type: 'process', path: 'sleep', arguments: ['30'] }
  const quick = { type: 'process', path: 'true' }
  const doc = {
    title: `interrupted during the ${where}`,
    description: 'a run that is interrupted and must still roll back',
    'steady-state-hypothesis': {
      title: 'slow probe',
      probes: [
        {
          type: 'probe',
          name: 'before-probe',
          tolerance: 0,
          provider: where === 'hypothesis' ? slow : quick,
        },
      ],
    },
    method: [
      {
        type: 'action',
        name: 'inject-fault',
        provider:
          where === 'process' ? slow : { type: 'process', path: 'touch', arguments: [join(dir, 'fault')] },
        ...(where === 'pause' ? { pauses: { after: 30 } } : {}),
      },
      {
        type: 'action',
        name: 'never-reached',
        provider: { type: 'process', path: 'touch', arguments: [join(dir, 'never')] },
      },
    ],
    rollbacks: [
      {
        type: 'action',
        name: 'repair',
        provider: { type: 'process', path: 'touch', arguments: [join(dir, 'repaired')] },
      },
    ],
  }
  const path = join(dir, 'experiment.json')
  writeFileSync(path, JSON.stringify(doc))
  return path
}

const WAIT_FOR = {
  pause: /pausing 30 s after 'inject-fault'/,
  process: /running action 'inject-fault'/,
  hypothesis: /running probe 'before-probe'/,
} as const

describe.each(['SIGINT', 'SIGTERM'] as const)('%s', (signal) => {
  it.each(['pause', 'process', 'hypothesis'] as const)(
    'during the %s: rollbacks run, journal says interrupted',
    async (where) => {
      const dir = tempDir()
      const journalPath = join(dir, 'journal.json')
      const run = startCli(['run', experiment(dir, where), '--journal-path', journalPath], { cwd: dir })
      await run.waitFor(WAIT_FOR[where])
      await new Promise((resolve) => setTimeout(resolve, 300))
      const sentAt = Date.now()
      run.child.kill(signal)
      const result = await run.done
      expect(Date.now() - sentAt).toBeLessThan(10_000)
      expect(result.code, result.stderr).toBe(1)
      const journal = readJournal(journalPath)
      expect(journal.status).toBe('interrupted')
      expect(journal.steadystate?.interruption?.signal).toBe(signal)
      expect(journal.steadystate?.verdict.kind).toBe('interrupted')
      expect(journal.rollbacks.map((r) => [r.activity.name, r.status])).toEqual([['repair', 'succeeded']])
      expect(existsSync(join(dir, 'repaired'))).toBe(true)
      expect(existsSync(join(dir, 'never'))).toBe(false)
      expect(result.stderr).toMatch(/Interrupted \(SIG(INT|TERM)\)/)
    },
  )
})
