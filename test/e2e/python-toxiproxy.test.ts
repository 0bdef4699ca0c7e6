import { execFileSync } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, startService, type Service } from '../support/monitoring/service.ts'
import { REPO_ROOT } from '../support/paths.ts'
import { BRIDGE_FIXTURES, runSideBySide } from '../support/python-bridge.ts'
import { referenceChaosBin } from '../support/reference-chaostoolkit.ts'

/**
 * chaostoolkit-toxiproxy (module chaostoxi) through the Python bridge, against a real toxiproxy
 * server built from the Go module proxy (scripts/toxiproxy-server), and side by side with chaos run.
 */
describe('an extension talking to a real server: chaostoolkit-toxiproxy and toxiproxy', () => {
  let chaosBin: string
  let toxiproxy: Service
  let upstream: Server
  const env: Record<string, string> = {}

  beforeAll(async () => {
    chaosBin = await referenceChaosBin()
    const server = execFileSync(join(REPO_ROOT, 'scripts/toxiproxy-server'), {
      encoding: 'utf8',
      timeout: 600_000,
    }).trim()
    const apiPort = await freePort()
    toxiproxy = await startService(
      'toxiproxy',
      server,
      ['-host', '127.0.0.1', '-port', String(apiPort)],
      `http://127.0.0.1:${apiPort}`,
      { readyPath: '/version' },
    )
    upstream = createServer((_request, response) => response.end('upstream says hello'))
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
    const address = upstream.address()
    env.TOXIPROXY_URL = toxiproxy.url
    env.UPSTREAM_PORT = String(typeof address === 'object' && address !== null ? address.port : 0)
    env.PROXY_PORT = String(await freePort())
  }, 900_000)

  afterAll(async () => {
    await toxiproxy?.stop()
    upstream?.close()
  })

  it('creates a proxy, adds and removes latency, deletes the proxy: the same journal as chaos run', async () => {
    const { ours } = await runSideBySide(chaosBin, join(BRIDGE_FIXTURES, 'toxiproxy.json'), env)
    expect([ours.result.code, ours.journal.status, ours.journal.deviated]).toEqual([0, 'completed', false])
    const outcome = ours.journal.run.map((run) => [run.activity.name, run.status])
    expect(outcome).toEqual([
      ['create-proxy', 'succeeded'],
      ['proxy-exists', 'succeeded'],
      ['proxy-listens-on', 'succeeded'],
      // toxiproxy refuses a second proxy of the same name; the extension raises AssertionError.
      ['create-proxy-again', 'failed'],
      ['add-latency', 'succeeded'],
      ['through-the-proxy', 'succeeded'],
      ['remove-latency', 'succeeded'],
    ])
    const byName = Object.fromEntries(ours.journal.run.map((run) => [run.activity.name, run]))
    expect(byName['proxy-listens-on']?.output).toBe(`127.0.0.1:${env.PROXY_PORT ?? ''}`)
    expect(byName['create-proxy-again']?.exception?.at(-1)).toBe(
      'chaoslib.exceptions.ActivityFailed: AssertionError\n',
    )
    // The latency toxic was really there: the request through the proxy took at least 300 ms.
    expect(byName['through-the-proxy']?.duration).toBeGreaterThanOrEqual(0.3)
    expect(ours.journal.rollbacks.map((run) => run.status)).toEqual(['succeeded'])
  })
})
