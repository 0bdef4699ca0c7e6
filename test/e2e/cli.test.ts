import { execFileSync } from 'node:child_process'
import { createServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readJournal, runCli, tempDir } from '../support/cli.ts'
import { CLI_BIN, REPO_ROOT } from '../support/paths.ts'
import { selfSignedCertificate } from '../support/tls.ts'

function write(dir: string, name: string, content: unknown): string {
  const path = join(dir, name)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

const SECRET = 'hunter2-very-secret'

const leakyExperiment = {
  title: 'secrets stay secret',
  description: 'an experiment that echoes its secret everywhere it can',
  secrets: { api: { token: { type: 'env', key: 'API_TOKEN' } } },
  'steady-state-hypothesis': {
    title: 'echo',
    probes: [
      {
        type: 'probe',
        name: 'echo-token',
        tolerance: 0,
        provider: { type: 'process', path: 'echo', arguments: ['${token}'] },
      },
    ],
  },
  method: [
    {
      type: 'action',
      name: 'fail-with-token',
      provider: { type: 'process', path: 'sh', arguments: ['-c', 'echo ${token} >&2; exit 3'] },
    },
  ],
}

describe('steadystate CLI', () => {
  it('runs the bundled example and writes a journal that says the steady state held', async () => {
    const dir = tempDir()
    const appDir = join(dir, 'app')
    execFileSync(join(REPO_ROOT, 'examples/local/setup.sh'), {
      env: { ...process.env, EXAMPLE_APP_DIR: appDir },
    })
    const result = await runCli(
      ['run', join(REPO_ROOT, 'examples/local/experiment.json'), '--journal-path', join(dir, 'j.json')],
      {
        cwd: dir,
        env: { EXAMPLE_APP_DIR: appDir },
      },
    )
    expect(result.code, result.stderr).toBe(0)
    const journal = readJournal(join(dir, 'j.json'))
    expect(journal.steadystate?.verdict.kind).toBe('held')
    expect(result.stderr).toMatch(/HELD: The steady state held before and after the method/)
  })

  it('never prints or journals a secret value', async () => {
    const dir = tempDir()
    const path = write(dir, 'exp.json', leakyExperiment)
    for (const format of ['plain', 'json']) {
      const result = await runCli(
        ['run', path, '--journal-path', join(dir, 'j.json'), '--log-format', format],
        {
          cwd: dir,
          env: { API_TOKEN: SECRET },
        },
      )
      expect(result.code).toBe(0)
      expect(result.stdout + result.stderr).not.toContain(SECRET)
      const text = JSON.stringify(readJournal(join(dir, 'j.json')))
      expect(text).not.toContain(SECRET)
      expect(text).toContain('***')
    }
  })

  it('emits one JSON object per line with --log-format json', async () => {
    const dir = tempDir()
    const path = write(dir, 'exp.json', leakyExperiment)
    const result = await runCli(
      ['run', path, '--journal-path', join(dir, 'j.json'), '--log-format', 'json'],
      { cwd: dir, env: { API_TOKEN: SECRET } },
    )
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type?: string })
    expect(events[0]?.type).toBe('run-started')
    expect(events.some((event) => event.type === 'run-finished')).toBe(true)
  })

  it('validates with every problem listed and the JSON path of each', async () => {
    const dir = tempDir()
    const path = write(
      dir,
      'bad.yaml',
      'title: t\nmethod:\n  - type: action\n    name: x\n    provider: {type: process, path: no-such-tool-xyz}\n  - {}\n',
    )
    const result = await runCli(['validate', path], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('is not a valid experiment (3 problems)')
    expect(result.stderr).toContain('description: experiment requires a description')
    expect(result.stderr).toContain(
      "method[0].provider.path: path 'no-such-tool-xyz' cannot be found, in activity 'x'",
    )
    expect(result.stderr).toContain('method[1]: empty activity is no activity')
    const good = await runCli(['validate', join(REPO_ROOT, 'examples/local/experiment.json')])
    expect(good.code).toBe(0)
    expect(good.stderr).toContain('experiment syntax and semantic look valid')
  })

  it('writes an aborted journal and exits 1 for an invalid experiment, running nothing', async () => {
    const dir = tempDir()
    const marker = join(dir, 'touched')
    const path = write(dir, 'exp.json', {
      title: 't',
      method: [
        { type: 'action', name: 'touch', provider: { type: 'process', path: 'touch', arguments: [marker] } },
      ],
    })
    const result = await runCli(['run', path], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('description: experiment requires a description')
    expect(existsSync(marker)).toBe(false)
    expect(readJournal(join(dir, 'journal.json')).status).toBe('aborted')
  })

  it('names the file for an unreadable experiment and still writes a journal', async () => {
    const dir = tempDir()
    const broken = write(dir, 'broken.json', '{"title": "x",\n  "method": [}\n')
    const result = await runCli(['run', broken, '--journal-path', 'out/j.json'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/broken\.json: invalid JSON at line 2, column \d+/)
    const journal = readJournal(join(dir, 'out/j.json'))
    expect(journal.status).toBe('aborted')
    expect(journal.steadystate?.error?.code).toBe('EXPERIMENT_UNREADABLE')
    const missing = await runCli(['run', join(dir, 'nope.yaml')], { cwd: dir })
    expect(missing.stderr).toContain('nope.yaml: cannot read the experiment: no such file')
  })

  it('exits 2 for a wrong flag or value, naming it, and leaves a journal', async () => {
    const dir = tempDir()
    const unknown = await runCli(['run', 'x.json', '--rollback', 'always', '--journal-path', 'j.json'], {
      cwd: dir,
    })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("Unknown option '--rollback'")
    expect(readJournal(join(dir, 'j.json')).steadystate?.error?.code).toBe('USAGE')
    const badValue = await runCli(['run', 'x.json', '--rollback-strategy', 'sometimes'], { cwd: dir })
    expect(badValue.code).toBe(2)
    expect(badValue.stderr).toContain(
      '--rollback-strategy "sometimes" is not one of: default, always, never, deviated',
    )
    const badVar = await runCli(['run', 'x.json', '--var', 'n:int=abc'], { cwd: dir })
    expect(badVar.code).toBe(2)
    expect(badVar.stderr).toContain('--var n:int: "abc" is not an integer')
  })

  it('loads an experiment from an http(s) URL, with the reference bearer token variable', async () => {
    const experiment = JSON.stringify({
      title: 'from a URL',
      description: 'd',
      method: [{ type: 'action', name: 'a', provider: { type: 'process', path: 'true' } }],
    })
    const server = createServer((request, response) => {
      const authorised = request.headers.authorization === 'Bearer loader-token-123'
      response.writeHead(authorised ? 200 : 401, { 'Content-Type': 'application/json' })
      response.end(authorised ? experiment : '{}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/experiment.json`
    try {
      const dir = tempDir()
      const denied = await runCli(['run', url], { cwd: dir })
      expect(denied.code).toBe(1)
      expect(denied.stderr).toContain(`${url}: the server answered 401`)
      const result = await runCli(['run', url], {
        cwd: dir,
        env: { CHAOSTOOLKIT_LOADER_AUTH_BEARER_TOKEN: 'loader-token-123' },
      })
      expect(result.code, result.stderr).toBe(0)
      expect(readJournal(join(dir, 'journal.json')).experiment.title).toBe('from a URL')
    } finally {
      server.close()
    }
  })

  it('downloads over HTTPS with a self-signed certificate only with --no-verify-tls (run, validate, rollback), following redirects', async () => {
    const experiment = JSON.stringify({
      title: 'from a server with its own certificate',
      description: 'd',
      method: [{ type: 'action', name: 'a', provider: { type: 'process', path: 'true' } }],
      rollbacks: [{ type: 'action', name: 'undo', provider: { type: 'process', path: 'true' } }],
    })
    const server = createHttpsServer(selfSignedCertificate(), (request, response) => {
      if (request.url === '/moved') {
        response.writeHead(302, { Location: '/experiment.json' })
        response.end()
        return
      }
      const authorised = request.headers.authorization === 'Bearer loader-token-123'
      response.writeHead(authorised ? 200 : 401, { 'Content-Type': 'application/json' })
      response.end(authorised ? experiment : '{}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/moved`
    const env = { CHAOSTOOLKIT_LOADER_AUTH_BEARER_TOKEN: 'loader-token-123' }
    try {
      const dir = tempDir()
      const checked = await runCli(['run', url], { cwd: dir, env })
      expect(checked.code).toBe(1)
      expect(checked.stderr).toMatch(
        /cannot download the experiment: self[- ]signed certificate \(the server's certificate is not trusted: .*--no-verify-tls/,
      )
      const run = await runCli(['run', url, '--no-verify-tls'], { cwd: dir, env })
      expect(run.code, run.stderr).toBe(0)
      expect(readJournal(join(dir, 'journal.json')).experiment.title).toBe(
        'from a server with its own certificate',
      )
      const validated = await runCli(['validate', url, '--no-verify-tls'], { cwd: dir, env })
      expect(validated.code, validated.stderr).toBe(0)
      const unauthorised = await runCli(['validate', url, '--no-verify-tls'], { cwd: dir })
      expect(unauthorised.code).toBe(1)
      expect(unauthorised.stderr).toContain('the server answered 401')
      // A finished run has nothing pending: rollback reads the experiment and says so.
      const rollback = await runCli(
        ['rollback', 'journal.json', '--experiment', url, '--no-verify-tls', '--if-pending'],
        {
          cwd: dir,
          env,
        },
      )
      expect(rollback.stderr).toContain('nothing to roll back')
      expect(rollback.code, rollback.stderr).toBe(0)
    } finally {
      server.close()
    }
  })

  it("accepts chaos's global flags so existing scripts keep working", async () => {
    const result = await runCli([
      '--no-version-check',
      '--verbose',
      'validate',
      join(REPO_ROOT, 'examples/local/experiment.json'),
    ])
    expect(result.code).toBe(0)
  })

  it('lists providers and modules with discover', async () => {
    const result = await runCli(['discover', '--json'])
    expect(result.code).toBe(0)
    const document = JSON.parse(result.stdout) as { providers: { type: string }[] }
    expect(document.providers.map((p) => p.type)).toEqual(['process', 'http', 'python'])
  })

  it('runs on Node 24, the GitHub Actions runtime', () => {
    const node24 = execFileSync(join(REPO_ROOT, 'scripts/node24'), { encoding: 'utf8' }).trim()
    const dir = tempDir()
    mkdirSync(join(dir, 'app'))
    const path = write(dir, 'exp.json', {
      title: 't',
      description: 'd',
      method: [{ type: 'action', name: 'a', provider: { type: 'process', path: 'true' } }],
    })
    const output = execFileSync(node24, [CLI_BIN, 'run', path, '--journal-path', join(dir, 'j.json')], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    expect(output).toBe('')
    const journal = readJournal(join(dir, 'j.json'))
    expect(journal.status).toBe('completed')
    expect(journal.steadystate?.runtime).toMatch(/^node 24\./)
  })
})
