import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readJournal, startCli, tempDir } from '../support/cli.ts'
import { REPO_ROOT } from '../support/paths.ts'
import { stopProcess } from '../support/processes.ts'

/**
 * The helpers that start the CLI never leave it running after their test: a test that ends or
 * times out before the CLI does stops it (SIGTERM, so it rolls back and writes its journal), and a
 * process that ignores SIGTERM is killed with its whole tree.
 */
function longRun(dir: string): string {
  const path = join(dir, 'experiment.json')
  writeFileSync(
    path,
    JSON.stringify({
      title: 'a run longer than its test',
      description: 'pauses for five minutes after injecting its fault',
      method: [
        {
          type: 'action',
          name: 'inject',
          provider: { type: 'process', path: 'touch', arguments: [join(dir, 'fault')] },
          pauses: { after: 300 },
        },
      ],
      rollbacks: [
        {
          type: 'action',
          name: 'repair',
          provider: { type: 'process', path: 'touch', arguments: [join(dir, 'repaired')] },
        },
      ],
    }),
  )
  return path
}

const gone = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null

describe('test helpers and the processes they start', () => {
  let leftBehind: { child: ChildProcess; dir: string } | undefined

  it('a test that ends while its CLI still runs...', async () => {
    const dir = tempDir()
    const run = startCli(['run', longRun(dir), '--journal-path', 'j.json'], { cwd: dir })
    await run.waitFor(/pausing 5 min 0 s after 'inject'/)
    leftBehind = { child: run.child, dir }
    expect(gone(run.child)).toBe(false)
  })

  it('...has it stopped before the next test starts: rolled back, journal written', () => {
    expect(leftBehind).toBeDefined()
    const { child, dir } = leftBehind ?? { child: undefined, dir: '' }
    expect(child !== undefined && gone(child)).toBe(true)
    expect(readJournal(join(dir, 'j.json')).status).toBe('interrupted')
    expect(existsSync(join(dir, 'repaired'))).toBe(true)
  })

  it('a wrapper script (bash does not pass SIGTERM on) does not leave the CLI behind', async () => {
    const dir = tempDir()
    const cli = join(REPO_ROOT, 'packages/cli/bin/steadystate.js')
    const wrapper = spawn(
      'bash',
      ['-c', `"${process.execPath}" "${cli}" run "${longRun(dir)}" --journal-path j.json; echo done`],
      {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    )
    await new Promise<void>((resolve) =>
      wrapper.stderr.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes("after 'inject'")) resolve()
      }),
    )
    await stopProcess(wrapper)
    expect(readJournal(join(dir, 'j.json')).status).toBe('interrupted')
    expect(existsSync(join(dir, 'repaired'))).toBe(true)
  })

  it('a process that ignores SIGTERM is killed with its whole tree after the grace period', async () => {
    const child = spawn('sh', ['-c', 'trap "" TERM; sleep 300 & wait'], { stdio: 'ignore' })
    await new Promise((resolve) => setTimeout(resolve, 200))
    await stopProcess(child, 300)
    expect(gone(child)).toBe(true)
    expect(child.signalCode).toBe('SIGKILL')
  })
})
