import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readJournal, runCli, startCli, tempDir } from '../support/cli.ts'

/**
 * Experiments from URLs (size cap, interruption) and commands other than `run` stopping at the first
 * SIGINT/SIGTERM: 130 or 143, no half-written file.
 */
const EXPERIMENT = JSON.stringify({
  title: 'downloaded',
  description: 'an experiment served over HTTP',
  method: [{ type: 'action', name: 'noop', provider: { type: 'process', path: 'true' } }],
})

let server: Server
let base = ''
const hanging = new Set<ServerResponse>()

beforeAll(async () => {
  server = createServer((request, response) => {
    switch (request.url ?? '') {
      case '/experiment.json':
        response.writeHead(200, { 'Content-Type': 'application/json' })
        response.end(EXPERIMENT)
        return
      case '/endless.json': {
        // No Content-Length, and it never ends: only a size cap stops the download.
        response.writeHead(200, { 'Content-Type': 'application/json' })
        const chunk = Buffer.alloc(64 * 1024, 0x20)
        const pump = (): void => {
          while (!response.destroyed && response.write(chunk));
          if (!response.destroyed) response.once('drain', pump)
        }
        response.write('{"title": "')
        pump()
        return
      }
      case '/announced-huge.json':
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(2 ** 40) })
        response.write('{')
        hanging.add(response)
        return
      default:
        // Headers, then nothing: the download waits until it is interrupted.
        response.writeHead(200, { 'Content-Type': 'application/json' })
        response.write('{"title": ')
        hanging.add(response)
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  for (const response of hanging) response.destroy()
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('experiments from a URL', () => {
  it('an endless response stops at the size cap, which the message names with how to raise it', async () => {
    const dir = tempDir()
    const result = await runCli(['run', `${base}/endless.json`, '--journal-path', 'j.json'], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      `${base}/endless.json: the experiment is larger than 10 MiB (10,485,760 bytes), steadystate's limit for an experiment (set STEADYSTATE_MAX_EXPERIMENT_BYTES to a larger number of bytes to read it); nothing was run`,
    )
    expect(readJournal(join(dir, 'j.json')).status).toBe('aborted')
  })

  it('a response announcing more than the cap is refused before reading it', async () => {
    const dir = tempDir()
    const result = await runCli(['run', `${base}/announced-huge.json`, '--journal-path', 'j.json'], {
      cwd: dir,
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("steadystate's limit for an experiment")
  })

  it('STEADYSTATE_MAX_EXPERIMENT_BYTES lowers or raises the cap, for files too; a bad value is a usage error', async () => {
    const dir = tempDir()
    const env = { STEADYSTATE_MAX_EXPERIMENT_BYTES: '100' }
    const small = await runCli(['run', `${base}/experiment.json`, '--journal-path', 'j.json'], {
      cwd: dir,
      env,
    })
    expect(small.stderr).toContain(
      'the experiment is larger than 100 bytes (100 bytes), the limit STEADYSTATE_MAX_EXPERIMENT_BYTES sets',
    )
    writeFileSync(join(dir, 'local.json'), EXPERIMENT)
    const local = await runCli(['validate', 'local.json'], { cwd: dir, env })
    expect(local.code).toBe(1)
    expect(local.stderr).toContain('local.json: the experiment is larger than 100 bytes')
    const raised = await runCli(['run', `${base}/experiment.json`, '--journal-path', 'j.json'], {
      cwd: dir,
      env: { STEADYSTATE_MAX_EXPERIMENT_BYTES: '1000' },
    })
    expect(raised.code, raised.stderr).toBe(0)
    const bad = await runCli(['validate', 'local.json'], {
      cwd: dir,
      env: { STEADYSTATE_MAX_EXPERIMENT_BYTES: '10MB' },
    })
    expect(bad.stderr).toContain('STEADYSTATE_MAX_EXPERIMENT_BYTES="10MB" must be a whole number of bytes')
  })

  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s during a download stops it at once, and the journal says so',
    async (signal) => {
      const dir = tempDir()
      const run = startCli(['run', `${base}/never-finishes.json`, '--journal-path', 'j.json'], { cwd: dir })
      await waitForRequest()
      run.child.kill(signal)
      const result = await run.done
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(
        `${base}/never-finishes.json: stopped downloading the experiment (${signal}); nothing was run`,
      )
      const journal = readJournal(join(dir, 'j.json'))
      expect(journal.status).toBe('aborted')
      expect(journal.steadystate?.error?.code).toBe('INTERRUPTED')
    },
  )
})

/** Resolves once the server holds a request it will never finish. */
async function waitForRequest(): Promise<void> {
  const before = hanging.size
  for (let attempt = 0; attempt < 200 && hanging.size === before; attempt++)
    await new Promise((resolve) => setTimeout(resolve, 50))
}

describe('validate and report stop at the first signal', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('validate: %s exits %i at once', async (signal, code) => {
    const run = startCli(['validate', `${base}/never-finishes-${signal}.json`], { cwd: tempDir() })
    await waitForRequest()
    run.child.kill(signal)
    const result = await run.done
    expect(result.code).toBe(code)
    expect(result.stderr).toContain(`received ${signal}: stopping`)
  })

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('report: %s exits %i and leaves no report, whole or half-written', async (signal, code) => {
    const dir = tempDir()
    const journal = {
      'chaoslib-version': '1.45.0',
      status: 'completed',
      deviated: false,
      experiment: { title: 'many runs', description: 'x', method: [] },
      run: Array.from({ length: 1_000 }, (_, index) => ({
        activity: { type: 'action', name: `action-${index}`, provider: { type: 'process', path: 'true' } },
        status: 'succeeded',
        output: { status: 0, stdout: 'x'.repeat(200), stderr: '' },
        start: '2026-01-01T00:00:00',
        end: '2026-01-01T00:00:01',
        duration: 1,
      })),
      rollbacks: [],
      steady_states: { before: null, after: null, during: [] },
    }
    const names = Array.from({ length: 3 }, (_, index) => `journal-${index}.json`)
    for (const name of names) writeFileSync(join(dir, name), JSON.stringify(journal))
    const run = startCli(['report', ...names, 'report.pdf'], { cwd: dir })
    await run.waitFor(/rendering a pdf report of 3 journals to report\.pdf/, 60_000)
    run.child.kill(signal)
    const result = await run.done
    expect(result.code, result.stderr).toBe(code)
    expect(existsSync(join(dir, 'report.pdf'))).toBe(false)
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })
})
