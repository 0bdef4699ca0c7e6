import { writeFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readJournal, runCli, tempDir } from '../support/cli.ts'

interface Received {
  method: string | undefined
  headers: IncomingHttpHeaders
  body: { name?: string; phase?: string; ts?: number; payload?: Record<string, unknown> }
}

describe('settings file notifications (type http)', () => {
  it("sends the reference's run events and payload, secrets redacted; a failing channel only warns", async () => {
    const received: Received[] = []
    const server = createServer((request, response) => {
      let text = ''
      request.on('data', (chunk: Buffer) => (text += chunk.toString()))
      request.on('end', () => {
        received.push({
          method: request.method,
          headers: request.headers,
          body: text === '' ? {} : (JSON.parse(text) as Received['body']),
        })
        response.end('ok')
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    try {
      const dir = tempDir()
      const experiment = join(dir, 'experiment.json')
      writeFileSync(
        experiment,
        JSON.stringify({
          title: 'notified',
          description: 'd',
          secrets: { app: { token: 'sup3r-s3cret-token' } },
          method: [
            {
              type: 'action',
              name: 'echo',
              provider: { type: 'process', path: 'echo', arguments: ['${token}'] },
              secrets: ['app'],
            },
          ],
        }),
      )
      const settings = join(dir, 'settings.yaml')
      writeFileSync(
        settings,
        [
          'notifications:',
          '  - type: http',
          `    url: http://127.0.0.1:${port}/all`,
          '    headers:',
          '      Authorization: Bearer abc',
          '  - type: http',
          `    url: http://127.0.0.1:${port}/failed-only`,
          '    events: [run-failed]',
          '  - type: http',
          '    url: http://127.0.0.1:9/unreachable',
          '  - type: plugin',
          '    module: somepackage.notify',
          'auths: {}',
        ].join('\n'),
      )
      const journalPath = join(dir, 'journal.json')
      const result = await runCli(
        ['--settings', settings, 'run', experiment, '--journal-path', journalPath],
        {
          cwd: dir,
        },
      )
      expect(result.code).toBe(0)
      expect(readJournal(journalPath).status).toBe('completed')
      expect(received.map((r) => r.body.name)).toEqual(['run-started', 'run-completed'])
      expect(received.every((r) => r.method === 'POST' && r.headers.authorization === 'Bearer abc')).toBe(
        true,
      )
      expect(received[0]?.body.phase).toBe('run')
      expect(typeof received[0]?.body.ts).toBe('number')
      expect(received[0]?.body.payload?.title).toBe('notified')
      expect(received[1]?.body.payload?.status).toBe('completed')
      expect(JSON.stringify(received)).not.toContain('sup3r-s3cret-token')
      expect(result.stderr).toMatch(
        /WARN.*notification 'run-started' to http:\/\/127\.0\.0\.1:9\/unreachable failed/,
      )
      expect(result.stderr).toMatch(/WARN.*channels of type 'plugin' are not supported/)
      expect(result.stderr).toMatch(/WARN.*auths not used by steadystate/)
    } finally {
      server.close()
    }
  })
})
