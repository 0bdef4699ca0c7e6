import { readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../support/cli.ts'
import { expectHeld, installStep as step, releaseServer, threeWays } from '../support/octopus-install.ts'
import { barePath, steadystateOnPath } from '../support/octopus-path.ts'
import { readTemplate } from '../support/octopus.ts'
import { releaseFiles, type ReleaseFiles } from '../support/release.ts'

/**
 * Where the Octopus step gets steadystate (Steadystate.Install): PATH, an npm package, or a
 * release's self-contained tarball (a path or a URL), installed from the files a release publishes
 * (scripts/package.mjs) on workers that have only what each way needs. How a tarball is checked:
 * octopus-install-checksum.test.ts.
 */

const DEFAULT_INSTALL = readTemplate().Parameters.find((p) => p.Name === 'Steadystate.Install')?.DefaultValue

describe('Steadystate.Install: where the Octopus step gets steadystate', () => {
  let release: ReleaseFiles
  let server: Awaited<ReturnType<typeof releaseServer>>
  let baseUrl: string

  beforeAll(async () => {
    release = await releaseFiles()
    server = await releaseServer(release)
    baseUrl = server.baseUrl
  }, 120_000)

  afterAll(() => server.close())

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
    const again = step(`file:${release.npm}`, barePath({ with: 'node' }), { cache })
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
    // The release's SHA256SUMS beside it is the checksum it must have.
    expect(first.stdout).toContain(
      `steadystate: the SHA-256 of ${release.standalone} matches ${dirname(release.standalone)}/SHA256SUMS (`,
    )
    const again = step(release.standalone, path, { cache })
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
    expect(result.stdout).toContain(
      `steadystate: the SHA-256 of ${url} matches ${baseUrl}/download/SHA256SUMS (`,
    )
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
