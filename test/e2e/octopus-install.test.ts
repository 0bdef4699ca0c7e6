import { createReadStream, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readJournal, tempDir } from '../support/cli.ts'
import { barePath, steadystateOnPath } from '../support/octopus-path.ts'
import { readTemplate, runStep, type StepRun } from '../support/octopus.ts'
import { releaseFiles, type ReleaseFiles } from '../support/release.ts'
import { trivialExperiment } from '../support/experiments.ts'

/**
 * Where the Octopus step gets steadystate (Steadystate.Install): PATH, an npm package, or a
 * release's self-contained tarball (a path or a URL), installed from the files a release publishes
 * (scripts/package.mjs) on workers that have only what each way needs.
 */

const EXPERIMENT = trivialExperiment('steadystate was installed')

const DEFAULT_INSTALL = readTemplate().Parameters.find((p) => p.Name === 'Steadystate.Install')?.DefaultValue

/** The error every failed way ends with, naming the three ways. */
function threeWays(version: string): string {
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

/** One step run with `install` as Steadystate.Install, on a worker whose PATH is `path`. */
function step(install: string | undefined, path: string, cache = tempDir('octopus-cache-')) {
  const cwd = tempDir('octopus-work-')
  const variables: Record<string, string> = { 'Steadystate.Experiment': EXPERIMENT }
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

function expectHeld(run: StepRun, cwd: string): void {
  expect(run.code, run.stdout + run.stderr).toBe(0)
  expect(readJournal(join(cwd, 'journal.json')).steadystate?.verdict.kind).toBe('held')
  expect(readFileSync(join(cwd, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
}

describe('Steadystate.Install: where the Octopus step gets steadystate', () => {
  let release: ReleaseFiles
  let server: Server
  let baseUrl: string

  beforeAll(async () => {
    release = await releaseFiles()
    // A release download server: the tarball at the path GitHub serves it, anything else 404.
    server = createServer((request, response) => {
      if (request.url === `/download/steadystate-${release.version}.tar.gz`) {
        response.writeHead(200, { 'content-type': 'application/gzip' })
        createReadStream(release.standalone).pipe(response)
      } else {
        response.writeHead(404).end('not found')
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }, 120_000)

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it("defaults to the npm package of the template's own version, and uses that version on PATH without installing", async () => {
    expect(DEFAULT_INSTALL).toBe(`@steadystate/cli@${release.version}`)
    const { cwd, cache, run } = step(undefined, steadystateOnPath())
    const result = await run()
    expectHeld(result, cwd)
    expect(result.stdout).toMatch(
      new RegExp(`steadystate: \\S+, the version @steadystate/cli@${release.version} names`),
    )
    expect(readdirSync(cache)).toEqual([])
  })

  it('PATH: uses the steadystate on PATH, and without one fails naming the three ways', async () => {
    const found = step('PATH', steadystateOnPath())
    expectHeld(await found.run(), found.cwd)
    const missing = await step('PATH', barePath({ with: 'node' })).run()
    expect(missing.code).toBe(1)
    expect(missing.resultMessage).toBe(
      `steadystate is not on PATH (Steadystate.Install is 'PATH'). ${threeWays('<version>')}`,
    )
    expect(missing.artifacts).toEqual([])
  })

  it('an npm package: installs it with npm once (report fonts included), then reuses it', async () => {
    const { cwd, cache, run } = step(`file:${release.npm}`, barePath({ with: 'node' }))
    const first = await run()
    expectHeld(first, cwd)
    expect(first.stdout).toMatch(/steadystate: installing file:\S+\.tgz from npm into \S+ \(Node\.js/)
    expect(first.stdout).toContain(`steadystate version ${release.version}`)
    expect(first.stdout).not.toMatch(/WARN/)
    const again = step(`file:${release.npm}`, barePath({ with: 'node' }), cache)
    const second = await again.run()
    expectHeld(second, again.cwd)
    expect(second.stdout).toMatch(/steadystate: file:\S+, installed by an earlier run/)
    expect(readdirSync(join(cache, 'steadystate/octopus'))).toHaveLength(1)
  })

  it('a bare version is that version of @steadystate/cli', async () => {
    const { cwd, run } = step(release.version, steadystateOnPath())
    const result = await run()
    expectHeld(result, cwd)
    expect(result.stdout).toContain(`the version @steadystate/cli@${release.version} names`)
  })

  it('a tarball path: unpacks it with only Node.js (no npm) once, then reuses it', async () => {
    const path = barePath({ with: 'node-only' })
    const { cwd, cache, run } = step(release.standalone, path)
    const first = await run()
    expectHeld(first, cwd)
    expect(first.stdout).toContain(
      `steadystate: unpacking ${release.standalone} into ${cache}/steadystate/octopus/`,
    )
    const again = step(release.standalone, path, cache)
    const second = await again.run()
    expectHeld(second, again.cwd)
    expect(second.stdout).toContain(`steadystate: ${release.standalone}, unpacked by an earlier run`)
    expect(readdirSync(join(cache, 'steadystate/octopus'))).toHaveLength(1)
  })

  it("a tarball URL: downloads it with Node.js's fetch when the worker has neither curl nor wget", async () => {
    const url = `${baseUrl}/download/steadystate-${release.version}.tar.gz`
    const { cwd, run } = step(url, barePath({ with: 'node-only' }))
    const result = await run()
    expectHeld(result, cwd)
    expect(result.stdout).toContain(`steadystate: unpacking ${url} into `)
  })

  it('fails naming the three ways when a URL answers 404, or a file is not a release tarball', async () => {
    const url = `${baseUrl}/download/steadystate-9.9.9.tar.gz`
    const notFound = await step(url, barePath({ with: 'node-only' })).run()
    expect(notFound.code).toBe(1)
    expect(notFound.stdout).toContain(`${url}: HTTP 404 Not Found`)
    expect(notFound.resultMessage).toBe(`Could not download ${url} (see above). ${threeWays('9.9.9')}`)
    const npmFile = await step(release.npm, barePath({ with: 'node-only' })).run()
    expect(npmFile.resultMessage).toBe(
      `${release.npm} is not a steadystate release tarball (steadystate-<version>.tar.gz, with bin/steadystate inside; for an npm package file, give file:<path>). ${threeWays('<version>')}`,
    )
    const absent = await step('/nowhere/steadystate-0.1.0.tar.gz', barePath({ with: 'node-only' })).run()
    expect(absent.resultMessage).toBe(
      `The tarball /nowhere/steadystate-0.1.0.tar.gz does not exist on this worker. ${threeWays('0.1.0')}`,
    )
  })

  it('fails naming the three ways without Node.js, with a Node.js too old, or without npm for a package', async () => {
    const noNode = await step(undefined, barePath()).run()
    expect(noNode.code).toBe(1)
    expect(noNode.resultMessage).toBe(
      `steadystate is not on PATH, and Node.js is not installed to install @steadystate/cli@${release.version} from npm. ${threeWays(release.version)}`,
    )
    expect(noNode.artifacts).toEqual([])
    expect(noNode.outputVariables).toEqual({})

    const oldNode = join(tempDir('old-node-'), 'node')
    writeFileSync(oldNode, '#!/bin/sh\necho 18.19.1\n', { mode: 0o755 })
    const tooOld = await step(release.standalone, barePath({ with: 'node-only', node: oldNode })).run()
    expect(tooOld.resultMessage).toBe(
      `Node.js 18.19.1 is too old to install the tarball ${release.standalone}: steadystate needs Node.js 20.10 or newer. ${threeWays(release.version)}`,
    )

    const noNpm = await step(`@steadystate/cli@${release.version}`, barePath({ with: 'node-only' })).run()
    expect(noNpm.resultMessage).toMatch(
      new RegExp(
        `^npm is missing beside Node\\.js [\\d.]+, so @steadystate/cli@${release.version} cannot be installed\\. `,
      ),
    )
  })
})
