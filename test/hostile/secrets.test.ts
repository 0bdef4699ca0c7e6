import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readJournal, runCli, tempDir } from '../support/cli.ts'
import { printedForms, recoverable } from '../support/secret-leaks.ts'

/**
 * A probe that prints its secret in every form a program may (JSON-escaped, percent-encoded, base64
 * at three alignments, one line of a multi-line key) leaves the secret in no log format, journal,
 * Markdown, HTML, JUnit or PDF; neither does a `.env` value the experiment uses without declaring
 * it a secret.
 */

const SECRET = 'Pa55 w/rd+"ä-2f9c'
const KEY = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7hostileTest',
  'VJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuHostileTest',
  '-----END PRIVATE KEY-----',
].join('\n')
const KEY_LINES = KEY.split('\n').slice(1, 3)

/**
 * The hostile probe: prints the forms of argv[2] one per line, starting at form argv[4] (so that
 * each form is, in some run, among the first ones a truncated log message quotes), then the second
 * line of the key in argv[3].
 */
function writeProbe(dir: string): string {
  const path = join(dir, 'print-forms.mjs')
  writeFileSync(
    path,
    [
      `const printedForms = ${printedForms.toString()}`,
      'const [secret, key, start] = process.argv.slice(2)',
      'const forms = [...Object.values(printedForms(secret)), key.split("\\n")[1] ?? key]',
      'const first = Number(start) % forms.length',
      'console.log([...forms.slice(first), ...forms.slice(0, first)].join("\\n"))',
    ].join('\n'),
  )
  return path
}

function experiment(probe: string, start: number, secrets: 'declared' | 'env-file'): object {
  const args = secrets === 'declared' ? ['${token}', '${key}'] : ['${db}', '${db_key}']
  const printForms = (name: string, from: number) => ({
    type: 'probe',
    name,
    provider: { type: 'process', path: process.execPath, arguments: [probe, ...args, String(from)] },
  })
  return {
    title: 'a probe prints its secret in every form',
    description: 'hostile output',
    ...(secrets === 'declared'
      ? { secrets: { app: { token: SECRET, key: { type: 'env', key: 'APP_KEY' } } } }
      : {
          configuration: {
            db: { type: 'env', key: 'DB_PASSWORD' },
            db_key: { type: 'env', key: 'DB_KEY' },
          },
        }),
    'steady-state-hypothesis': {
      title: 'the output never matches',
      probes: [
        {
          ...printForms('prints-forms', start),
          tolerance: { type: 'regex', pattern: '^never$', target: 'stdout' },
        },
      ],
    },
    method: [printForms('prints-forms-in-the-method', 0)],
    rollbacks: [],
  }
}

function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' })
}

/** Every file and stream a run leaves, by name (the reports only when asked for). */
async function runAndRender(
  cwd: string,
  args: string[],
  env: Record<string, string>,
  format: 'plain' | 'json' | 'pretty',
  reports: boolean,
): Promise<Record<string, string>> {
  const result = await runCli(
    [
      'run',
      'experiment.json',
      // The hypothesis after the method only: the method's output is recorded, then the probe fails.
      '--hypothesis-strategy',
      'after-method-only',
      '--log-format',
      format,
      ...(reports ? ['--report', 'report.pdf', '--junit', 'junit.xml'] : []),
      ...args,
    ],
    { cwd, env },
  )
  expect(result.code, result.stderr).toBe(1)
  const texts: Record<string, string> = {
    stdout: result.stdout,
    stderr: result.stderr,
    journal: readFileSync(join(cwd, 'journal.json'), 'utf8'),
  }
  if (!reports) return texts
  texts.junit = readFileSync(join(cwd, 'junit.xml'), 'utf8')
  texts.pdf = pdfText(join(cwd, 'report.pdf'))
  for (const [name, file] of [
    ['markdown', 'report.md'],
    ['html', 'report.html'],
  ] as const) {
    const report = await runCli(['report', 'journal.json', file], { cwd, env })
    expect(report.code, report.stderr).toBe(0)
    texts[name] = readFileSync(join(cwd, file), 'utf8')
  }
  return texts
}

function expectNoSecret(texts: Record<string, string>, secrets: string[]): void {
  for (const [name, text] of Object.entries(texts))
    for (const secret of secrets)
      expect(recoverable(text, secret), `${name} shows ${secret}:\n${text}`).toBe(false)
}

describe('secrets printed in every form', () => {
  const formCount = Object.keys(printedForms(SECRET)).length + 1

  it('are all read back by the leak detector (so the checks below can fail)', () => {
    for (const [name, form] of Object.entries(printedForms(SECRET)))
      expect(recoverable(`log: ${form} end`, SECRET), name).toBe(true)
    expect(recoverable('Pa55 w/rd\\+\\"ä\\-2f9c', SECRET)).toBe(true)
    expect(recoverable('Pa55 w/rd+&#34;ä-2f9c', SECRET)).toBe(true)
  })

  it('leave no log format, journal or report with a declared secret in it', async () => {
    const cwd = tempDir('steadystate-hostile-secrets-')
    const probe = writeProbe(cwd)
    // Each run's log quotes the first forms of the failed probe's output: every form is first once.
    for (let start = 0; start < formCount; start += 3) {
      writeFileSync(join(cwd, 'experiment.json'), JSON.stringify(experiment(probe, start, 'declared')))
      const formats = start === 0 ? (['plain', 'json', 'pretty'] as const) : (['plain'] as const)
      for (const format of formats) {
        const texts = await runAndRender(cwd, [], { APP_KEY: KEY }, format, start === 0 && format === 'plain')
        expectNoSecret(texts, [SECRET, ...KEY_LINES])
        expect(`${texts.stderr ?? ''}${texts.stdout ?? ''}`).toMatch(/tolerance not met: pattern .*\*\*\*/)
      }
    }
    const journal = readJournal(join(cwd, 'journal.json'))
    const method = journal.run[0]?.output as { stdout: string }
    // Every line of the method's output had a form of the secret: every line is masked.
    expect(method.stdout.trim().split('\n')).toHaveLength(formCount)
    for (const line of method.stdout.trim().split('\n')) expect(line).toContain('***')
  }, 300_000)

  it('leave nothing either when they come from a .env var file and no secrets block names them', async () => {
    const cwd = tempDir('steadystate-hostile-dotenv-')
    const probe = writeProbe(cwd)
    writeFileSync(join(cwd, 'experiment.json'), JSON.stringify(experiment(probe, 0, 'env-file')))
    writeFileSync(join(cwd, 'secrets.env'), `DB_PASSWORD='${SECRET}'\nDB_KEY=${KEY_LINES[0]}\n`)
    const texts = await runAndRender(cwd, ['--var-file', 'secrets.env'], {}, 'plain', true)
    expectNoSecret(texts, [SECRET, KEY_LINES[0] ?? ''])
    expect(texts.journal).toContain('***')
  })
})

describe('secrets that are short or common words', () => {
  it('are masked where they are a whole value only, and change no key, status, timestamp or number', async () => {
    const cwd = tempDir('steadystate-hostile-weak-')
    const year = String(new Date().getUTCFullYear())
    writeFileSync(join(cwd, 'weak.env'), `YEAR=${year}\nWORD=completed\nKEY=status\nSHORT=abc\n`)
    const echo = (text: string) => ({ type: 'process', path: 'echo', arguments: [text] })
    writeFileSync(
      join(cwd, 'experiment.json'),
      JSON.stringify({
        title: 'weak secrets',
        description: 'nothing here is a secret but the .env values',
        'steady-state-hypothesis': {
          title: 'holds',
          probes: [{ type: 'probe', name: 'ok', tolerance: 0, provider: echo('fine') }],
        },
        method: [{ type: 'action', name: 'says-abc', provider: echo('abc') }],
        rollbacks: [],
      }),
    )
    const result = await runCli(
      ['run', 'experiment.json', '--var-file', 'weak.env', '--report', 'report.md'],
      { cwd },
    )
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toMatch(
      /4 secret value\(s\) are too short or too common to be masked inside other text/,
    )
    const journal = readJournal(join(cwd, 'journal.json'))
    expect(journal.status).toBe('completed')
    expect(journal.start.startsWith(year)).toBe(true)
    expect(Object.keys(journal.steady_states)).toEqual(['before', 'after', 'during'])
    expect(journal.steadystate?.verdict.kind).toBe('held')
    // "abc" alone on the output's only line is not a whole value: its stdout is "abc\n".
    expect(journal.run[0]?.output).toMatchObject({ stdout: 'abc\n', status: 0 })
    const report = readFileSync(join(cwd, 'report.md'), 'utf8')
    expect(report).toMatch(new RegExp(`\\| Started \\| ${year}-`))
    expect(report).toContain('**Verdict: STEADY STATE HELD** (held)')
  })
})
