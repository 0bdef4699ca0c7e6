import { existsSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readJournal, runCli, startCli, tempDir } from '../support/cli.ts'

/** A health endpoint the test flips from healthy (200) to unhealthy (503): the safeguard's source. */
async function healthServer(): Promise<{ url: string; flip: () => void; server: Server }> {
  let healthy = true
  const server = createServer((_request, response) => {
    response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ ok: healthy }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/health`, flip: () => (healthy = false), server }
}

const servers: Server[] = []
afterEach(() => {
  for (const server of servers.splice(0)) server.close()
})

function experiment(dir: string, url: string, probe: Record<string, unknown>): string {
  const touch = (name: string) => ({ type: 'process', path: 'touch', arguments: [join(dir, name)] })
  const path = join(dir, 'experiment.json')
  writeFileSync(
    path,
    JSON.stringify({
      title: 'a safeguard stops the run',
      description: 'the method pauses 8 s; the safeguard trips during the pause',
      controls: [
        {
          name: 'safeguard',
          provider: {
            type: 'python',
            module: 'chaosaddons.controls.safeguards',
            arguments: {
              probes: [
                {
                  name: 'service-healthy',
                  type: 'probe',
                  tolerance: 200,
                  provider: { type: 'http', url, timeout: 2 },
                  ...probe,
                },
              ],
            },
          },
        },
      ],
      method: [
        { type: 'action', name: 'inject', provider: touch('fault'), pauses: { after: 8 } },
        { type: 'action', name: 'never-reached', provider: touch('never') },
      ],
      rollbacks: [{ type: 'action', name: 'repair', provider: touch('repaired') }],
    }),
  )
  return path
}

describe('chaosaddons.controls.safeguards, natively', () => {
  it('frequency 1: trips in the 8 s pause, cuts it short, skips the rest, rolls back, exits 1', async () => {
    const dir = tempDir()
    const health = await healthServer()
    servers.push(health.server)
    const journalPath = join(dir, 'journal.json')
    const cli = startCli(
      ['run', experiment(dir, health.url, { frequency: 1 }), '--journal-path', journalPath],
      {
        cwd: dir,
      },
    )
    await cli.waitFor(/pausing 8 s after 'inject'/)
    health.flip()
    const result = await cli.done
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("safeguard 'service-healthy' of control 'safeguard' tripped")
    expect(existsSync(join(dir, 'repaired'))).toBe(true)
    expect(existsSync(join(dir, 'never'))).toBe(false)
    const journal = readJournal(journalPath)
    expect(journal.status).toBe('interrupted')
    expect(journal.rollbacks.map((run) => run.status)).toEqual(['succeeded'])
    const stop = journal.steadystate?.stop
    expect(stop).toMatchObject({
      source: 'safeguard',
      control: 'safeguard',
      probe: 'service-healthy',
      reason: expect.stringContaining('503') as string,
    })
    // The bar, read from the run's own record (the journal's times), not a timer of the test.
    expect(stop?.timeToHalt).toBeLessThan(2)
    expect(Date.parse(stop?.haltedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(stop?.trippedAt ?? ''))
    const checks = journal.steadystate?.safeguards?.checks ?? []
    expect(checks.filter((check) => check.ok).length).toBeGreaterThan(0)
    expect(checks.at(-1)).toMatchObject({ probe: 'service-healthy', mode: 'repeating', ok: false })
    expect(journal.steadystate?.verdict.summary).toContain("stopped by safeguard 'service-healthy'")
  })

  it('a pre-check that fails stops the run before the method: nothing injected, exit 1', async () => {
    const dir = tempDir()
    const health = await healthServer()
    servers.push(health.server)
    health.flip()
    const journalPath = join(dir, 'journal.json')
    const result = await runCli(['run', experiment(dir, health.url, {}), '--journal-path', journalPath], {
      cwd: dir,
    })
    expect(result.code).toBe(1)
    expect(existsSync(join(dir, 'fault'))).toBe(false)
    const journal = readJournal(journalPath)
    expect(journal.status).toBe('interrupted')
    expect(journal.run).toEqual([])
    expect(journal.steadystate?.safeguards?.checks).toMatchObject([{ mode: 'pre-check', ok: false }])
  })

  it('a background probe that holds lets the run complete, its check recorded', async () => {
    const dir = tempDir()
    const health = await healthServer()
    servers.push(health.server)
    const path = experiment(dir, health.url, { background: true })
    const journalPath = join(dir, 'journal.json')
    const result = await runCli(['run', path, '--journal-path', journalPath, '--dry', 'pause'], { cwd: dir })
    expect(result.code).toBe(0)
    const journal = readJournal(journalPath)
    expect(journal.status).toBe('completed')
    expect(journal.steadystate?.stop).toBeUndefined()
    expect(journal.steadystate?.safeguards?.checks).toMatchObject([
      { mode: 'background', ok: true, value: { status: 200 } },
    ])
  })

  it('refuses a safeguard probe without a tolerance, and safeguards below the experiment level', async () => {
    const dir = tempDir()
    const path = join(dir, 'experiment.json')
    const guard = (probes: unknown[]) => ({
      name: 'safeguard',
      provider: { type: 'python', module: 'chaosaddons.controls.safeguards', arguments: { probes } },
    })
    writeFileSync(
      path,
      JSON.stringify({
        title: 't',
        description: 'd',
        controls: [guard([{ name: 'p', type: 'probe', provider: { type: 'process', path: 'true' } }])],
        method: [
          { type: 'action', name: 'a', provider: { type: 'process', path: 'true' }, controls: [guard([])] },
        ],
      }),
    )
    const result = await runCli(['run', path, '--journal-path', join(dir, 'journal.json')], { cwd: dir })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      'controls[0].provider.arguments.probes[0].tolerance: a safeguard probe must have a tolerance entry',
    )
    expect(result.stderr).toContain(
      "safeguards watch a whole run: declare them in the experiment's top-level controls",
    )
  })
})
