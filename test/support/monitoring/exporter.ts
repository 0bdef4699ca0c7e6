import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A small service exposing Prometheus metrics whose values never drift, so that two runs of the same
 * experiment (steadystate's and the reference's) read the same numbers. A test makes it unhealthy
 * with `POST /unhealthy` (an experiment's http action can too) and healthy again with `POST /healthy`.
 * `GET /guard` answers as a guard endpoint does: `{"ok": true}` while healthy.
 */
export interface FixtureExporter {
  url: string
  close(): Promise<void>
}

/** The values each state exposes; tests and experiments assert these exact numbers. */
export const FIXTURE_VALUES = {
  healthy: { healthy: 1, checkoutErrorRatio: 0.02, searchErrorRatio: 0.01, queueDepth: 7 },
  unhealthy: { healthy: 0, checkoutErrorRatio: 0.25, searchErrorRatio: 0.01, queueDepth: 7 },
} as const

function metrics(state: keyof typeof FIXTURE_VALUES): string {
  const values = FIXTURE_VALUES[state]
  return [
    '# HELP fixture_healthy Whether the fixture service reports itself healthy (1) or not (0).',
    '# TYPE fixture_healthy gauge',
    `fixture_healthy ${values.healthy}`,
    '# HELP fixture_error_ratio Share of failed requests, by service.',
    '# TYPE fixture_error_ratio gauge',
    `fixture_error_ratio{service="checkout"} ${values.checkoutErrorRatio}`,
    `fixture_error_ratio{service="search"} ${values.searchErrorRatio}`,
    '# HELP fixture_queue_depth Items waiting in the queue.',
    '# TYPE fixture_queue_depth gauge',
    `fixture_queue_depth ${values.queueDepth}`,
    '',
  ].join('\n')
}

export async function startExporter(): Promise<FixtureExporter> {
  let state: keyof typeof FIXTURE_VALUES = 'healthy'
  const server: Server = createServer((request, response) => {
    const route = `${request.method ?? 'GET'} ${(request.url ?? '/').split('?')[0] ?? '/'}`
    switch (route) {
      case 'GET /metrics':
        response.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' })
        response.end(metrics(state))
        return
      case 'POST /unhealthy':
      case 'POST /healthy':
        state = route === 'POST /healthy' ? 'healthy' : 'unhealthy'
        response.writeHead(200, { 'Content-Type': 'application/json' })
        response.end(JSON.stringify({ state }))
        return
      case 'GET /state':
        response.writeHead(200, { 'Content-Type': 'application/json' })
        response.end(JSON.stringify({ state }))
        return
      // A guard endpoint as chaosreliably's prechecks read one (steadystate.safeguards.http).
      case 'GET /guard':
        response.writeHead(200, { 'Content-Type': 'application/json' })
        response.end(
          JSON.stringify(
            state === 'healthy' ? { ok: true } : { ok: false, error: 'the fixture service is unhealthy' },
          ),
        )
        return
      default:
        response.writeHead(404, { 'Content-Type': 'text/plain' })
        response.end(`no route ${route}\n`)
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
