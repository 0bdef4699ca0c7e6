import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readJournal, runCli, tempDir } from '../support/cli.ts'

/** Safety fails closed: a control steadystate cannot honour refuses the run, unless the user says so. */
function files(dir: string): { experiment: string; settings: string } {
  const experiment = join(dir, 'experiment.json')
  writeFileSync(
    experiment,
    JSON.stringify({
      title: 'with a control steadystate does not run',
      description: 'd',
      controls: [{ name: 'tracing', provider: { type: 'python', module: 'chaostracing.control' } }],
      method: [
        {
          type: 'action',
          name: 'touch',
          provider: { type: 'process', path: 'touch', arguments: [join(dir, 'ran')] },
        },
      ],
    }),
  )
  const settings = join(dir, 'settings.yaml')
  writeFileSync(
    settings,
    'controls:\n  audit:\n    provider:\n      type: python\n      module: myorg.audit\n',
  )
  return { experiment, settings }
}

describe('controls steadystate cannot honour', () => {
  it('refuse the run with a validation error naming file, control and module; nothing runs', async () => {
    const dir = tempDir()
    const { experiment, settings } = files(dir)
    const journalPath = join(dir, 'journal.json')
    const result = await runCli(['--settings', settings, 'run', experiment, '--journal-path', journalPath], {
      cwd: dir,
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      `control 'tracing' (provider module 'chaostracing.control') declared at controls[0] in ${experiment} cannot be honoured`,
    )
    expect(result.stderr).toContain(
      `control 'audit' (provider module 'myorg.audit') declared at controls.audit in ${settings}`,
    )
    expect(result.stderr).toContain('--skip-unknown-controls')
    const journal = readJournal(journalPath)
    expect(journal.status).toBe('aborted')
    expect(journal.run).toEqual([])
  })

  it('with --skip-unknown-controls, run without them: a warning in the log and the journal lists each', async () => {
    const dir = tempDir()
    const { experiment, settings } = files(dir)
    const journalPath = join(dir, 'journal.json')
    const result = await runCli(
      ['run', experiment, '--settings', settings, '--skip-unknown-controls', '--journal-path', journalPath],
      { cwd: dir },
    )
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/WARN.*running WITHOUT control 'tracing'/)
    expect(result.stderr).toMatch(/WARN.*running WITHOUT control 'audit'/)
    const journal = readJournal(journalPath)
    expect(journal.status).toBe('completed')
    expect(journal.steadystate?.skippedControls).toEqual([
      { file: experiment, path: 'controls[0]', name: 'tracing', module: 'chaostracing.control' },
      { file: settings, path: 'controls.audit', name: 'audit', module: 'myorg.audit' },
    ])
    expect(journal.steadystate?.warnings.filter((w) => w.includes('running WITHOUT'))).toHaveLength(2)
  })

  it('a --settings file that does not exist is a usage error, not ignored', async () => {
    const dir = tempDir()
    const { experiment } = files(dir)
    const result = await runCli(['run', experiment, '--settings', join(dir, 'nope.yaml')], { cwd: dir })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--settings')
  })

  it('validate checks them as run does: --settings, --skip-unknown-controls, and a missing settings file', async () => {
    const dir = tempDir()
    const { experiment, settings } = files(dir)
    const refused = await runCli(['validate', experiment, '--settings', settings], { cwd: dir })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`is not a valid experiment (2 problems)`)
    expect(refused.stderr).toContain(
      `control 'audit' (provider module 'myorg.audit') declared at controls.audit in ${settings} cannot be honoured`,
    )
    const skipped = await runCli(
      ['--settings', settings, 'validate', experiment, '--skip-unknown-controls'],
      {
        cwd: dir,
      },
    )
    expect(skipped.code, skipped.stderr).toBe(0)
    expect(skipped.stderr).toMatch(/WARN.*running WITHOUT control 'tracing'/)
    expect(skipped.stderr).toMatch(/WARN.*running WITHOUT control 'audit'/)
    const missing = await runCli(['validate', experiment, '--settings', join(dir, 'nope.yaml')], { cwd: dir })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('--settings')
  })
})
