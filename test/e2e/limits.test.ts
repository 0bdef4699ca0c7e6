import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readJournal, runCli, startCli, tempDir } from '../support/cli.ts'

/**
 * The limits a user can hit, through the built CLI: nesting depth, timer ranges and process
 * deadlines. Each is either honoured over its whole range or refused with a message that names the
 * file or flag, the value and the limit; a journal is always written.
 */
const LIMIT = 200

/** An experiment whose method action carries an `extra` mapping `depth` levels deep. */
function nestedExperiment(depth: number, format: 'json' | 'yaml'): string {
  const secret = { secrets: { vault: { token: 'nested-secret-value' } } }
  if (format === 'json') {
    const extra = `${'{"a":'.repeat(depth)}"\${token}"${'}'.repeat(depth)}`
    return `{"title":"nested","description":"deep","secrets":${JSON.stringify(secret.secrets)},"method":[{"type":"action","name":"echo","provider":{"type":"process","path":"echo","arguments":["\${token}"]},"extra":${extra}}]}`
  }
  return [
    'title: nested',
    'description: deep',
    'secrets: {vault: {token: nested-secret-value}}',
    'method:',
    '- type: action',
    '  name: echo',
    '  provider: {type: process, path: echo, arguments: ["${token}"]}',
    `  extra: ${'{a: '.repeat(depth)}x${'}'.repeat(depth)}`,
    '',
  ].join('\n')
}

describe('deeply nested experiments', () => {
  it.each([
    ['JSON', 'json', []],
    ['JSON, --no-validation', 'json', ['--no-validation']],
    ['YAML', 'yaml', []],
    ['YAML, --no-validation', 'yaml', ['--no-validation']],
  ] as const)(
    '%s: 5,000 levels are refused at load, naming the file, the depth and the limit',
    async (_name, format, flags) => {
      const dir = tempDir()
      const file = join(dir, `deep.${format}`)
      writeFileSync(file, nestedExperiment(5_000, format))
      const result = await runCli(['run', file, '--journal-path', 'j.json', ...flags], { cwd: dir })
      expect(result.code, result.stderr).toBe(1)
      expect(result.stderr).toMatch(
        new RegExp(
          `deep\\.${format}: the document (nests 5,003 levels deep \\(at method\\[0\\]\\.extra\\.a\\.a\\.a…\\)|nests too deeply to be read at line \\d+, column \\d+); steadystate reads at most ${LIMIT} levels`,
        ),
      )
      const journal = readJournal(join(dir, 'j.json'))
      expect(journal.status).toBe('aborted')
      expect(journal.steadystate?.error?.message).toContain(`steadystate reads at most ${LIMIT} levels`)
      const validate = await runCli(['validate', file], { cwd: dir })
      expect(validate.code).toBe(1)
      expect(validate.stderr).toContain(`steadystate reads at most ${LIMIT} levels`)
    },
  )

  it('at the limit, every stage works: validate, substitute, redact, journal, report', async () => {
    const dir = tempDir()
    // The method action sits 4 levels down (experiment, method, action, extra): the rest fills up to the limit.
    writeFileSync(join(dir, 'deep.json'), nestedExperiment(LIMIT - 3, 'json'))
    const result = await runCli(['run', 'deep.json', '--journal-path', 'j.json', '--report', 'r.md'], {
      cwd: dir,
    })
    expect(result.code, result.stderr).toBe(0)
    const text = readFileSync(join(dir, 'j.json'), 'utf8')
    expect(text).not.toContain('nested-secret-value')
    expect(readJournal(join(dir, 'j.json')).run[0]?.output).toEqual({
      status: 0,
      stdout: '***\n',
      stderr: '',
    })
    expect(existsSync(join(dir, 'r.md'))).toBe(true)
    const pdf = await runCli(['report', 'j.json', 'r.pdf'], { cwd: dir })
    expect(pdf.code, pdf.stderr).toBe(0)
  })

  it('report refuses a journal nested deeper than it reads, naming the file and the depth', async () => {
    const dir = tempDir()
    const depth = 5_000
    writeFileSync(
      join(dir, 'deep-journal.json'),
      `{"chaoslib-version":"1.45.0","status":"completed","deviated":false,"experiment":{"title":"x"},"run":[{"output":${'['.repeat(depth)}${']'.repeat(depth)}}]}`,
    )
    const result = await runCli(['report', 'deep-journal.json', 'out.md'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      'cannot read journal deep-journal.json: it nests 5,003 levels deep (at run[0].output[0][0][0]…); steadystate reads at most 1,000 levels',
    )
    expect(existsSync(join(dir, 'out.md'))).toBe(false)
  })
})

describe('durations beyond the 24.8 days a node timer holds', () => {
  const experiment = (dir: string, extra: Record<string, unknown>): string => {
    const path = join(dir, 'experiment.json')
    writeFileSync(
      path,
      JSON.stringify({
        title: 'long durations',
        description: 'durations node cannot put in one timer',
        method: [
          {
            type: 'action',
            name: 'inject',
            provider: { type: 'process', path: 'touch', arguments: [join(dir, 'fault')] },
            ...extra,
          },
        ],
        rollbacks: [
          {
            type: 'action',
            name: 'repair',
            provider: {
              type: 'process',
              path: 'sh',
              arguments: ['-c', `sleep 0.2; touch ${join(dir, 'repaired')}`],
            },
          },
        ],
      }),
    )
    return path
  }

  it.each(['2147484', '5000000', '1e300'])(
    '--rollback-timeout %s: the rollbacks run to completion',
    async (seconds) => {
      const dir = tempDir()
      const result = await runCli(
        [
          'run',
          experiment(dir, {}),
          '--journal-path',
          'j.json',
          '--rollback-strategy',
          'always',
          '--rollback-timeout',
          seconds,
        ],
        { cwd: dir },
      )
      expect(result.code, result.stderr).toBe(0)
      expect(result.stderr).not.toMatch(/internal error|TimeoutOverflowWarning/)
      const journal = readJournal(join(dir, 'j.json'))
      expect(journal.status).toBe('completed')
      expect(journal.rollbacks.map((r) => [r.activity.name, r.status])).toEqual([['repair', 'succeeded']])
      expect(existsSync(join(dir, 'repaired'))).toBe(true)
    },
  )

  it('an activity timeout of 30 days lets a short activity finish', async () => {
    const dir = tempDir()
    const result = await runCli(
      ['run', experiment(dir, { timeout: 30 * 86_400 }), '--journal-path', 'j.json'],
      {
        cwd: dir,
      },
    )
    expect(result.code, result.stderr).toBe(0)
    expect(readJournal(join(dir, 'j.json')).run[0]?.status).toBe('succeeded')
  })

  it('a pause of 30 days waits (it does not fire at once) until the run is interrupted', async () => {
    const dir = tempDir()
    const run = startCli(
      [
        'run',
        experiment(dir, { pauses: { after: 30 * 86_400 } }),
        '--journal-path',
        'j.json',
        '--hypothesis-frequency',
        '5000000',
      ],
      { cwd: dir },
    )
    await run.waitFor(/pausing 30 d 0 h after 'inject'/)
    // Give a pause that fires at once every chance to show it: the rollbacks would then start.
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(run.child.exitCode).toBeNull()
    expect(existsSync(join(dir, 'repaired'))).toBe(false)
    run.child.kill('SIGTERM')
    const result = await run.done
    expect(result.code).toBe(1)
    const journal = readJournal(join(dir, 'j.json'))
    expect(journal.status).toBe('interrupted')
    expect(journal.rollbacks.map((r) => r.status)).toEqual(['succeeded'])
  })

  it.each([
    [
      'a negative pause',
      { pauses: { before: -5 } },
      'method[0].pauses.before: activity before pause must be a finite number of seconds, 0 or more (got -5)',
    ],
    [
      'an infinite activity timeout',
      { timeout: Infinity },
      'method[0].timeout: activity timeout must be a finite number of seconds, 0 or more (got Infinity)',
    ],
  ])('%s is a validation error with its JSON path', async (_name, extra, message) => {
    const dir = tempDir()
    // JSON has no Infinity: 1e999 is how a JSON file spells it.
    const path = experiment(dir, extra)
    writeFileSync(path, readFileSync(path, 'utf8').replace('null', '1e999'))
    const result = await runCli(['validate', path], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(message)
  })
})

/** Whether `pid` is a live process (not gone, not a zombie), after giving a kill a moment to land. */
async function stillRunning(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : ''
    if (stat === '' || stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return true
}

describe.runIf(process.platform === 'linux')('process deadlines and what a process leaves behind', () => {
  it('an activity with timeout 2 ends at its deadline although a daemon it started holds its output; the daemon is stopped', async () => {
    const dir = tempDir()
    const pidFile = join(dir, 'daemon.pid')
    const daemon = `const {spawn}=require('node:child_process');const d=spawn('sleep',['300'],{detached:true,stdio:['ignore','inherit','inherit']});require('node:fs').writeFileSync(${JSON.stringify(pidFile)},String(d.pid));d.unref()`
    writeFileSync(
      join(dir, 'experiment.json'),
      JSON.stringify({
        title: 'a daemon holds the output',
        description: 'the deadline ends the activity whatever its descendants do',
        method: [
          {
            type: 'action',
            name: 'start-daemon',
            timeout: 2,
            provider: {
              type: 'process',
              path: 'sh',
              arguments: ['-c', `"${process.execPath}" -e "${daemon.replaceAll('"', '\\"')}"; sleep 300`],
            },
          },
        ],
      }),
    )
    const result = await runCli(['run', 'experiment.json', '--journal-path', 'j.json'], { cwd: dir })
    const journal = readJournal(join(dir, 'j.json'))
    expect(journal.run[0]?.status, result.stderr).toBe('failed')
    expect(journal.run[0]?.exception?.at(-1)).toContain('activity took longer than its timeout of 2 s')
    const pid = Number(readFileSync(pidFile, 'utf8'))
    expect(result.stderr).toContain(`killed ${pid} (sleep), still holding its output after it exited`)
    expect(await stillRunning(pid)).toBe(false)
  })
})
