import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readJournal, runCli, tempDir } from '../support/cli.ts'

/**
 * Documents that are not experiments, and documents built to exhaust the loader: each ends in a
 * clear error and an aborted journal that names the source (and its size when read), never its
 * content, and within the test's time.
 */

const TOKEN = 'kubeconfig-token-9d8c7b6a5f4e'

async function runOn(
  source: string,
  cwd: string,
): Promise<{ code: number | null; stderr: string; journal: string }> {
  const result = await runCli(['run', source, '--journal-path', 'journal.json'], { cwd })
  return {
    code: result.code,
    stderr: result.stderr,
    journal: readFileSync(join(cwd, 'journal.json'), 'utf8'),
  }
}

let server: Server
let base: string

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/html')
      response.end(`<html><body><h1>Sign in</h1><input value="${TOKEN}"></body></html>`)
    // /silent: headers never come (the loader's deadline ends the wait).
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => {
  server.closeAllConnections()
  server.close()
})

describe('hostile documents', () => {
  it('a kubeconfig named as the experiment: its token stays out of the journal', async () => {
    const cwd = tempDir('steadystate-hostile-kubeconfig-')
    const kubeconfig = `apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: ${TOKEN}\n`
    writeFileSync(join(cwd, 'kubeconfig.yaml'), kubeconfig)
    const run = await runOn('kubeconfig.yaml', cwd)
    expect(run.code).toBe(1)
    expect(run.journal).not.toContain(TOKEN)
    const journal = readJournal(join(cwd, 'journal.json'))
    expect(journal.status).toBe('aborted')
    expect(journal.experiment.description).toBe(
      `kubeconfig.yaml (${kubeconfig.length} bytes) is not a valid experiment; its content is left out of this journal`,
    )
  })

  it('a billion laughs, NUL bytes, a symlink loop, 5 and 50 MB of nothing: an error and a journal each', async () => {
    const cwd = tempDir('steadystate-hostile-documents-')
    const alias = (name: string, of: string) => `${name}: &${name} [${Array(9).fill(`*${of}`).join(', ')}]`
    writeFileSync(
      join(cwd, 'laughs.yaml'),
      [
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
        ...'bcdefgh'.split('').map((n, i) => alias(n, 'abcdefgh'[i] ?? 'a')),
      ].join('\n'),
    )
    writeFileSync(join(cwd, 'nul.json'), `{"title": "${TOKEN}\u0000", "method": []}`)
    symlinkSync('loop-b', join(cwd, 'loop-a'))
    symlinkSync('loop-a', join(cwd, 'loop-b'))
    writeFileSync(join(cwd, 'big.yaml'), `title: [${'a'.repeat(50 * 1024 * 1024)}`)
    writeFileSync(join(cwd, 'medium.yaml'), `title: [${'a'.repeat(5 * 1024 * 1024)}`)
    const cases = [
      ['laughs.yaml', /Excessive alias count/],
      ['nul.json', /invalid JSON at line 1, column \d+: unexpected "\\u0000"/],
      ['loop-a', /ELOOP/],
      ['big.yaml', /larger than 10 MiB \(10,485,760 bytes\).*STEADYSTATE_MAX_EXPERIMENT_BYTES/],
      ['medium.yaml', /invalid YAML.*a document of 5242888 bytes/],
    ] as const
    for (const [source, error] of cases) {
      const run = await runOn(source, cwd)
      expect(run.code, source).toBe(1)
      expect(run.stderr, source).toMatch(error)
      expect(run.journal.length, source).toBeLessThan(10_000)
      expect(run.journal, source).not.toContain(TOKEN)
      expect(readJournal(join(cwd, 'journal.json')).status, source).toBe('aborted')
    }
  })

  it('a URL that answers with an HTML page: not an experiment, and the page is not kept', async () => {
    const cwd = tempDir('steadystate-hostile-html-')
    const run = await runOn(`${base}/html`, cwd)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/not a valid experiment|must be a mapping/)
    expect(run.journal).not.toContain(TOKEN)
    expect(run.stderr).not.toContain(TOKEN)
  })

  it('a URL that never answers: the download gives up, and the journal says so', async () => {
    const cwd = tempDir('steadystate-hostile-silent-')
    const run = await runOn(`${base}/silent`, cwd)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/cannot download the experiment/)
    expect(readJournal(join(cwd, 'journal.json')).status).toBe('aborted')
  }, 120_000)
})
