import { createReadStream, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { readJournal, tempDir } from './cli.ts'
import { trivialExperiment } from './experiments.ts'
import { runStep, type StepRun } from './octopus.ts'
import type { ReleaseFiles } from './release.ts'

/** The Octopus step's install sources (Steadystate.Install), as the install tests run them. */

const EXPERIMENT = trivialExperiment('steadystate was installed')

/** The error every failed way ends with, naming the three ways. */
export function threeWays(version: string): string {
  return (
    'Steadystate.Install says where steadystate comes from, in one of three ways: ' +
    `PATH (steadystate installed on the worker, or the execution container image ghcr.io/steadystate/steadystate:${version}-kubectl); ` +
    `an npm package, e.g. @steadystate/cli@${version} (needs Node.js 20.10 or newer and npm on the worker); ` +
    `or the URL or path of the release tarball, e.g. https://github.com/steadystate/steadystate/releases/download/v${version}/steadystate-${version}.tar.gz (needs only Node.js 20.10 or newer)`
  )
}

/**
 * What a worker's environment says about its network (a proxy, a TLS-inspecting proxy's CA), and
 * its npm cache: an install reaches the registry as the worker's own npm would.
 */
const WORKER_NETWORK = Object.fromEntries(
  Object.entries(process.env).filter(
    (entry): entry is [string, string] =>
      /^(NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|(https?|no)_proxy)$/i.test(entry[0]) && entry[1] !== undefined,
  ),
)
const NPM_CACHE = join(homedir(), '.npm')

export interface InstallStepOptions {
  /** The worker's install cache (XDG_CACHE_HOME); a new one by default. */
  cache?: string
  /** Other Octopus variables, e.g. Steadystate.InstallSha256. */
  variables?: Record<string, string>
}

/** One step run with `install` as Steadystate.Install, on a worker whose PATH is `path`. */
export function installStep(install: string | undefined, path: string, options: InstallStepOptions = {}) {
  const cwd = tempDir('octopus-work-')
  const cache = options.cache ?? tempDir('octopus-cache-')
  const variables: Record<string, string> = { 'Steadystate.Experiment': EXPERIMENT, ...options.variables }
  if (install !== undefined) variables['Steadystate.Install'] = install
  return {
    cwd,
    cache,
    run: () =>
      runStep({
        cwd,
        env: { ...WORKER_NETWORK, npm_config_cache: NPM_CACHE, PATH: path, XDG_CACHE_HOME: cache },
        variables,
      }),
  }
}

export function expectHeld(run: StepRun, cwd: string): void {
  expect(run.code, run.stdout + run.stderr).toBe(0)
  expect(readJournal(join(cwd, 'journal.json')).steadystate?.verdict.kind).toBe('held')
  expect(readFileSync(join(cwd, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
}

/** The SHA-256 of the release's self-contained tarball, as its SHA256SUMS lists it. */
export function standaloneSha256(release: ReleaseFiles): string {
  const name = `steadystate-${release.version}.tar.gz`
  const line = readFileSync(release.checksums, 'utf8')
    .split('\n')
    .find((entry) => entry.endsWith(`  ${name}`))
  if (line === undefined) throw new Error(`${release.checksums} lists no ${name}`)
  return line.slice(0, 64)
}

/**
 * A release download server: under /download/ the tarball and its SHA256SUMS as a release publishes
 * them; under /other/, what each test adds (`files`, by name: a path on disk or a text); anything
 * else 404.
 */
export async function releaseServer(release: ReleaseFiles): Promise<{
  baseUrl: string
  files: Map<string, { path: string } | { text: string }>
  close: () => Promise<void>
}> {
  const files = new Map<string, { path: string } | { text: string }>()
  const tarball = `steadystate-${release.version}.tar.gz`
  const server: Server = createServer((request, response) => {
    const url = request.url ?? ''
    const published =
      url === `/download/${tarball}`
        ? { path: release.standalone }
        : url === '/download/SHA256SUMS'
          ? { path: release.checksums }
          : url.startsWith('/other/')
            ? files.get(url.slice('/other/'.length))
            : undefined
    if (published === undefined) {
      response.writeHead(404).end('not found')
    } else if ('path' in published) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' })
      createReadStream(published.path).pipe(response)
    } else {
      response.writeHead(200, { 'content-type': 'text/plain' }).end(published.text)
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    files,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
