import { declared } from '../../test-support/providers.ts'
import { describe, expect, it } from 'vitest'
import { ActivityFailedError } from '../errors.ts'
import { commandLine, processProvider } from './process.ts'
import { testContext } from '../../test-support/provider-context.ts'

describe('process provider', () => {
  it('returns status, stdout and stderr; a non-zero exit is a result, not a failure', async () => {
    const output = await processProvider.run(
      declared.process({ path: 'sh', arguments: ['-c', 'echo out; echo err >&2; exit 3'] }),
      testContext(),
    )
    expect(output).toEqual({ status: 3, stdout: 'out\n', stderr: 'err\n' })
  })
  it("formats list arguments with Python's str() and drops None and empty strings", () => {
    expect(commandLine('/bin/echo', ['a', 1, true, null, '', 2.5]).args).toEqual(['a', '1', 'True', '2.5'])
  })
  it('flattens the old mapping form, then drops None and empty strings among keys and values', () => {
    const args = { '--name': 'web', '--empty': '', '--none': null, '': 'orphan', '--zero': 0, '--no': false }
    expect(commandLine('/bin/echo', args).args).toEqual([
      '--name',
      'web',
      '--empty',
      '--none',
      'orphan',
      '--zero',
      '0',
      '--no',
      'False',
    ])
  })
  it('runs a string of arguments through the shell, after the path', async () => {
    const output = await processProvider.run(
      declared.process({ path: 'echo', arguments: 'hello | tr a-z A-Z' }),
      testContext(),
    )
    expect(output).toEqual({ status: 0, stdout: 'HELLO\n', stderr: '' })
  })
  it("fails with the reference's message on timeout, and stops the whole process tree", async () => {
    const started = Date.now()
    await expect(
      processProvider.run(
        declared.process({ path: 'sh', arguments: ['-c', 'sleep 20 & sleep 20; wait'], timeout: 0.3 }),
        testContext(),
      ),
    ).rejects.toThrow(new ActivityFailedError('process activity took too long to complete'))
    // Well below the 20 s the background sleep would hold the run, with room for a loaded machine.
    expect(Date.now() - started).toBeLessThan(12_000)
  })
  it('stops when the run is interrupted', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort('SIGTERM'), 200)
    await expect(
      processProvider.run(
        declared.process({ path: 'sleep', arguments: ['20'] }),
        testContext({ signal: controller.signal }),
      ),
    ).rejects.toThrow('process stopped: SIGTERM')
  })
  it('validates the path like chaos validate', async () => {
    const context = {
      env: process.env,
      cwd: process.cwd(),
      activityName: 'a',
      activityType: 'action' as const,
    }
    expect(
      await processProvider.validate(
        declared.process({ path: 'definitely-not-a-program-xyz' }),
        'method[0].provider',
        context,
      ),
    ).toEqual([
      {
        path: 'method[0].provider.path',
        message: "path 'definitely-not-a-program-xyz' cannot be found, in activity 'a'",
        severity: 'error',
      },
    ])
    expect(await processProvider.validate(declared.process({}), 'p', context)).toEqual([
      { path: 'p.path', message: 'a process activity must have a path', severity: 'error' },
    ])
    expect(
      await processProvider.validate(declared.process({ path: 'sh', timeout: -1 }), 'p', context),
    ).toHaveLength(1)
  })
})
