import { spawn } from 'node:child_process'
import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readJournal, runCli, tempDir } from '../support/cli.ts'
import { killTree } from '../support/processes.ts'
import { CLI_BIN } from '../support/paths.ts'

/**
 * The journal-always promise where it used to break: wrong flags, special files and symlinks, paths
 * that cannot be written, a report path that is the journal, a reader that goes away.
 */
function experiment(dir: string, parts: Record<string, unknown> = {}): string {
  const path = join(dir, 'experiment.json')
  writeFileSync(
    path,
    JSON.stringify({
      title: 'the marker appears',
      description: 'a process-only experiment',
      method: [
        {
          type: 'action',
          name: 'inject',
          provider: { type: 'process', path: 'touch', arguments: ['injected'] },
        },
      ],
      rollbacks: [
        {
          type: 'action',
          name: 'repair',
          provider: { type: 'process', path: 'rm', arguments: ['-f', 'injected'] },
        },
      ],
      ...parts,
    }),
  )
  return path
}

const temporaryFiles = (dir: string): string[] =>
  readdirSync(dir).filter((name) => /\.(tmp|probe)$/.test(name))

describe('a journal in every case, and never in the wrong place', () => {
  it('a wrong flag value: the usage journal names the experiment, read by the real argument parser', async () => {
    const dir = tempDir()
    const result = await runCli(['run', '--dry', 'bogus', 'experiment.json', '--journal-path', 'out.json'], {
      cwd: dir,
    })
    expect(result.code).toBe(2)
    const journal = readJournal(join(dir, 'out.json'))
    expect(journal.experiment.title).toBe('experiment.json')
    expect(journal.steadystate?.error).toEqual({
      code: 'USAGE',
      message: '--dry "bogus" is not one of: probes, actions, activities, pause',
    })
    const missing = await runCli(['run', '--journal-path', 'none.json'], { cwd: dir })
    expect(missing.code).toBe(2)
    expect(readJournal(join(dir, 'none.json')).steadystate?.error?.message).toBe(
      'steadystate run: missing EXPERIMENT (a path or URL)',
    )
  })

  it('--journal-path /dev/null (and report paths) are written in place: the device stays a device', async () => {
    const dir = tempDir()
    const result = await runCli(
      [
        'run',
        experiment(dir),
        '--journal-path',
        '/dev/null',
        '--report',
        '/dev/null',
        '--junit',
        '/dev/null',
      ],
      { cwd: dir },
    )
    expect(result.code, result.stderr).toBe(0)
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true)
    expect(temporaryFiles('/dev')).toEqual([])
  })

  it('a journal path that is a symlink: its target is replaced, the link stays', async () => {
    const dir = tempDir()
    symlinkSync('runs/latest.json', join(dir, 'journal.json'))
    const result = await runCli(['run', experiment(dir)], { cwd: dir })
    expect(result.code, result.stderr).toBe(0)
    expect(lstatSync(join(dir, 'journal.json')).isSymbolicLink()).toBe(true)
    expect(readJournal(join(dir, 'runs/latest.json')).status).toBe('completed')
  })

  it('a journal path that cannot be written is found before anything runs: exit 2, nothing injected', async () => {
    const dir = tempDir()
    const path = experiment(dir)
    const folder = await runCli(['run', path, '--journal-path', dir], { cwd: dir })
    expect(folder.code).toBe(2)
    expect(folder.stderr).toContain(
      `the journal cannot be written to ${dir}: it is a directory; nothing was run`,
    )
    writeFileSync(join(dir, 'a-file'), '')
    const underFile = await runCli(['run', path, '--journal-path', 'a-file/journal.json'], { cwd: dir })
    expect(underFile.code).toBe(2)
    expect(underFile.stderr).toContain('a parent of it is not a directory (ENOTDIR); nothing was run')
    expect(underFile.stderr).not.toContain('This is a bug')
    expect(existsSync(join(dir, 'injected'))).toBe(false)
    expect(temporaryFiles(dir)).toEqual([])
  })

  it('--report naming the journal itself is refused before anything runs; the journal stays a journal', async () => {
    const dir = tempDir()
    const result = await runCli(['run', experiment(dir), '--report', 'journal.json'], { cwd: dir })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('the report path journal.json is the journal itself')
    expect(readJournal(join(dir, 'journal.json')).steadystate?.error?.code).toBe('USAGE')
    expect(existsSync(join(dir, 'injected'))).toBe(false)
    const report = await runCli(['report', 'journal.json', 'journal.json'], { cwd: dir })
    expect(report.code).toBe(2)
    expect(readJournal(join(dir, 'journal.json')).status).toBe('aborted')
  })

  it('a closed stdout (EPIPE, `| head`) never takes the run down, and leaves no temporary file', async () => {
    const dir = tempDir()
    const path = experiment(dir, {
      method: [
        {
          type: 'action',
          name: 'inject',
          provider: { type: 'process', path: 'sh', arguments: ['-c', 'touch injected; sleep 0.3'] },
        },
      ],
    })
    // JSON logs go to stdout, which is closed after the first line.
    const child = spawn(process.execPath, [CLI_BIN, 'run', path, '--log-format', 'json'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.once('data', () => child.stdout.destroy())
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code, stderr).toBe(0)
    expect(readJournal(join(dir, 'journal.json')).status).toBe('completed')
    expect(existsSync(join(dir, 'injected'))).toBe(false)
    expect(temporaryFiles(dir)).toEqual([])
  })

  it('the exit code can be the job result: --fail-on-deviation and --no-fail-on-deviation', async () => {
    const dir = tempDir()
    // The method's action fails (no such file to remove): the verdict is incomplete.
    const path = experiment(dir, {
      'steady-state-hypothesis': {
        title: 'fine',
        probes: [{ type: 'probe', name: 'fine', tolerance: 0, provider: { type: 'process', path: 'true' } }],
      },
      method: [
        {
          type: 'action',
          name: 'inject',
          timeout: 0.2,
          provider: { type: 'process', path: 'sleep', arguments: ['5'] },
        },
      ],
    })
    const chaos = await runCli(['run', path], { cwd: dir })
    expect(readJournal(join(dir, 'journal.json')).steadystate?.verdict.kind).toBe('incomplete')
    expect(chaos.code).toBe(0)
    expect((await runCli(['run', path, '--fail-on-deviation'], { cwd: dir })).code).toBe(1)
    const lenient = await runCli(['run', path, '--no-fail-on-deviation'], { cwd: dir })
    expect(lenient.code).toBe(0)
    expect(lenient.stderr).toContain(
      'verdict incomplete: exit code 0, because --no-fail-on-deviation lets it pass',
    )
    const both = await runCli(['run', path, '--fail-on-deviation', '--no-fail-on-deviation'], { cwd: dir })
    expect(both.code).toBe(2)
  })

  it('journal-facts prints what adapters publish, in their formats; a missing journal says so', async () => {
    const dir = tempDir()
    await runCli(['run', experiment(dir)], { cwd: dir })
    const json = await runCli(['journal-facts', 'journal.json'], { cwd: dir })
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout)).toMatchObject({
      status: 'completed',
      deviated: false,
      verdict: 'held',
      rollbacksPending: false,
      journalPath: join(dir, 'journal.json'),
    })
    const github = await runCli(['journal-facts', 'journal.json', '--format', 'github-output'], { cwd: dir })
    expect(github.stdout).toMatch(/^status=completed\ndeviated=false\nverdict=held\n/)
    const one = await runCli(['journal-facts', 'journal.json', '--get', 'verdict'], { cwd: dir })
    expect(one.stdout).toBe('held\n')
    const missing = await runCli(['journal-facts', 'gone.json', '--format', 'dotenv', '--output', 'x.env'], {
      cwd: dir,
    })
    expect(missing.code).toBe(1)
    expect(readFileSync(join(dir, 'x.env'), 'utf8')).toContain('STEADYSTATE_STATUS=missing\n')
  })
})

describe('steadystate rollback', () => {
  /** Runs the experiment and kills it (SIGKILL) once its method has injected the fault. */
  async function killedMidMethod(dir: string, path: string): Promise<void> {
    const child = spawn(process.execPath, [CLI_BIN, 'run', path], { cwd: dir, stdio: 'ignore' })
    while (!existsSync(join(dir, 'injected'))) await new Promise((resolve) => setTimeout(resolve, 20))
    // The CLI and the activity it started, by process id.
    killTree(child.pid ?? 0)
    await new Promise((resolve) => child.on('close', resolve))
  }

  const slowInject = {
    type: 'action',
    name: 'inject',
    provider: { type: 'process', path: 'sh', arguments: ['-c', 'touch injected; exec sleep 30'] },
  }

  it('exit 2 when nothing is pending (0 with --if-pending); usage errors name what is wrong', async () => {
    const dir = tempDir()
    await runCli(['run', experiment(dir)], { cwd: dir })
    const finished = await runCli(['rollback', 'journal.json'], { cwd: dir })
    expect(finished.code).toBe(2)
    expect(finished.stderr).toContain('nothing to roll back: the run finished (status completed)')
    expect((await runCli(['rollback', 'journal.json', '--if-pending'], { cwd: dir })).code).toBe(0)
    expect((await runCli(['rollback', 'none.json', '--if-pending'], { cwd: dir })).code).toBe(0)
    writeFileSync(join(dir, 'not-a-journal.json'), '[1, 2]')
    const wrong = await runCli(['rollback', 'not-a-journal.json'], { cwd: dir })
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('not-a-journal.json is not a journal')
    expect((await runCli(['rollback'], { cwd: dir })).code).toBe(2)
  })

  it('says exactly that --experiment is needed when the rollbacks use a secret the journal redacted', async () => {
    const dir = tempDir()
    const path = experiment(dir, {
      secrets: { api: { token: 'inline-s3cret-token' } },
      method: [slowInject],
      rollbacks: [
        {
          type: 'action',
          name: 'repair',
          provider: {
            type: 'process',
            path: 'sh',
            arguments: ['-c', 'test "${token}" = "$EXPECTED_TOKEN" && rm injected'],
          },
        },
      ],
    })
    await killedMidMethod(dir, path)
    const redacted = await runCli(['rollback', 'journal.json'], { cwd: dir })
    expect(redacted.code).toBe(2)
    expect(redacted.stderr).toContain(
      'the rollbacks need values that the journal redacted (secrets.api.token); give the experiment that ran with --experiment FILE',
    )
    expect(readJournal(join(dir, 'journal.json')).status).toBe('running')
    const given = await runCli(['rollback', 'journal.json', '--experiment', path, '--by', 'a test'], {
      cwd: dir,
      env: { EXPECTED_TOKEN: 'inline-s3cret-token' },
    })
    expect(given.code, given.stderr).toBe(0)
    expect(existsSync(join(dir, 'injected'))).toBe(false)
    expect(readJournal(join(dir, 'journal.json')).steadystate?.recovered?.by).toBe('a test')
    expect(readFileSync(join(dir, 'journal.json'), 'utf8')).not.toContain('inline-s3cret-token')
  })

  it('exit 1 when a rollback fails; the journal keeps it pending, and a later call plays it again', async () => {
    const dir = tempDir()
    const path = experiment(dir, {
      method: [slowInject],
      rollbacks: [
        {
          type: 'action',
          name: 'repair',
          timeout: 0.2,
          provider: {
            type: 'process',
            path: 'sh',
            arguments: ['-c', 'test -e fixed || exec sleep 5; rm injected'],
          },
        },
      ],
    })
    await killedMidMethod(dir, path)
    const failing = await runCli(['rollback', 'journal.json'], { cwd: dir })
    expect(failing.code).toBe(1)
    const journal = readJournal(join(dir, 'journal.json'))
    expect(journal.steadystate?.verdict.kind).toBe('unfinished')
    expect(journal.steadystate?.progress?.rollbacksPending).toBe(true)
    writeFileSync(join(dir, 'fixed'), '')
    const again = await runCli(['rollback', 'journal.json'], { cwd: dir })
    expect(again.code, again.stderr).toBe(0)
    expect(existsSync(join(dir, 'injected'))).toBe(false)
    expect(readJournal(join(dir, 'journal.json')).rollbacks.map((run) => run.status)).toEqual([
      'failed',
      'succeeded',
    ])
  })
})
