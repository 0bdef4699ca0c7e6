import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readJournal, tempDir } from '../support/cli.ts'
import { commandOf, cronJobPodSpec, startContainerCommand as start } from '../support/cronjob.ts'
import { imageLikeBin } from '../support/gitlab.ts'
import { killTree } from '../support/processes.ts'

/**
 * The in-cluster CronJob's two commands, exactly as deploy/cronjob/cronjob.yaml gives them, run here
 * on a process-only experiment (the Kubernetes suite runs them in the image on a real cluster): a
 * run killed mid-method leaves its journal in the volume, and the next pod's init container plays
 * its pending rollbacks before anything else. Outside a cluster, its `steadystate recover` is skipped.
 */
describe('the CronJob, on a run killed mid-method', () => {
  it("the next pod's init container plays the previous run's pending rollbacks, once", async () => {
    const dir = tempDir('steadystate-cron-')
    const paths = { journals: join(dir, 'journals'), experiment: join(dir, 'experiment.json') }
    mkdirSync(paths.journals)
    const fault = join(dir, 'fault')
    writeFileSync(
      paths.experiment,
      JSON.stringify({
        title: 'a fault the next pod undoes',
        description: 'process-only stand-in for the Kubernetes experiment',
        method: [
          {
            type: 'action',
            name: 'inject',
            provider: { type: 'process', path: 'sh', arguments: ['-c', `touch ${fault}; sleep 30`] },
          },
        ],
        rollbacks: [
          { type: 'action', name: 'repair', provider: { type: 'process', path: 'rm', arguments: [fault] } },
        ],
      }),
    )
    const bin = imageLikeBin(dir)
    const { init, main } = cronJobPodSpec()

    const first = await start(commandOf(init, paths, {}), { POD_NAME: 'steadystate-1-a' }, bin).done
    expect(first.code, first.output).toBe(0)
    expect(first.output).toContain('no previous journal: nothing to roll back')
    expect(first.output).toContain('not in a cluster: no run records to recover')

    const run = start(commandOf(main, paths, { JOB_NAME: 'steadystate-1' }), {}, bin)
    while (!existsSync(fault)) await new Promise((resolve) => setTimeout(resolve, 20))
    killTree(run.child.pid ?? 0)
    await run.done
    expect(readJournal(join(paths.journals, 'steadystate-1.json')).status).toBe('running')

    const next = await start(commandOf(init, paths, {}), { POD_NAME: 'steadystate-2-b' }, bin).done
    expect(next.code, next.output).toBe(0)
    expect(existsSync(fault)).toBe(false)
    const journal = readJournal(join(paths.journals, 'steadystate-1.json'))
    expect(journal.status).toBe('interrupted')
    expect(journal.steadystate?.recovered?.by).toBe('CronJob pod steadystate-2-b, before its run')

    const again = await start(commandOf(init, paths, {}), { POD_NAME: 'steadystate-3-c' }, bin).done
    expect(again.code, again.output).toBe(0)
    expect(again.output).toContain('nothing to roll back: its pending rollbacks were already played')
  })
})
