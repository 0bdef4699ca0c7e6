import { copyFileSync, existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../support/cli.ts'
import { expectHeld, installStep, releaseServer, standaloneSha256 } from '../support/octopus-install.ts'
import { barePath, steadystateOnPath } from '../support/octopus-path.ts'
import type { StepRun } from '../support/octopus.ts'
import { releaseFiles, type ReleaseFiles } from '../support/release.ts'

/**
 * A release tarball is checked before the Octopus step installs it: against Steadystate.InstallSha256
 * when set, else against the SHA256SUMS the release publishes beside it. A download that cannot be
 * checked, or does not match, is refused and nothing of it is installed (safety fails closed).
 */

const WRONG = 'ab'.repeat(32)

/** Refused before anything ran: no journal, no artifact, nothing left in the install cache. */
function expectRefused(run: StepRun, cwd: string, cache: string, message: string): void {
  expect(run.code, run.stdout + run.stderr).toBe(1)
  expect(run.resultMessage).toBe(message)
  expect(run.artifacts).toEqual([])
  expect(existsSync(join(cwd, 'journal.json'))).toBe(false)
  const installs = join(cache, 'steadystate/octopus')
  expect(existsSync(installs) ? readdirSync(installs) : []).toEqual([])
}

describe('Steadystate.InstallSha256: a tarball is installed only when its SHA-256 is the expected one', () => {
  let release: ReleaseFiles
  let server: Awaited<ReturnType<typeof releaseServer>>
  let tarball: string
  let sha256: string

  beforeAll(async () => {
    release = await releaseFiles()
    server = await releaseServer(release)
    tarball = `steadystate-${release.version}.tar.gz`
    sha256 = standaloneSha256(release)
    // A mirror with the tarball only; one whose SHA256SUMS says otherwise; one that lists other files.
    server.files.set(`bare/${tarball}`, { path: release.standalone })
    server.files.set(`tampered/${tarball}`, { path: release.standalone })
    server.files.set('tampered/SHA256SUMS', { text: `${WRONG}  ${tarball}\n` })
    server.files.set(`unlisted/${tarball}`, { path: release.standalone })
    server.files.set('unlisted/SHA256SUMS', { text: `${sha256}  steadystate-0.0.1.tar.gz\n` })
  }, 120_000)

  afterAll(() => server.close())

  const nodeOnly = () => barePath({ with: 'node-only' })

  it('a good InstallSha256 installs a download that has no SHA256SUMS beside it (upper case accepted)', async () => {
    const url = `${server.baseUrl}/other/bare/${tarball}`
    const { cwd, run } = installStep(url, nodeOnly(), {
      variables: { 'Steadystate.InstallSha256': ` ${sha256.toUpperCase()}\n` },
    })
    const result = await run()
    expectHeld(result, cwd)
    expect(result.stdout).toContain(
      `steadystate: the SHA-256 of ${url} matches Steadystate.InstallSha256 (${sha256})`,
    )
  })

  it('a wrong InstallSha256 refuses the download, even where the release SHA256SUMS would match', async () => {
    const url = `${server.baseUrl}/download/${tarball}`
    const { cwd, cache, run } = installStep(url, nodeOnly(), {
      variables: { 'Steadystate.InstallSha256': WRONG },
    })
    expectRefused(
      await run(),
      cwd,
      cache,
      `The tarball ${url} has the SHA-256 ${sha256}, but Steadystate.InstallSha256 says ${WRONG}: it was not installed. Check Steadystate.Install and Steadystate.InstallSha256 against the release's SHA256SUMS`,
    )
  })

  it('refuses a download whose SHA256SUMS lists another SHA-256', async () => {
    const url = `${server.baseUrl}/other/tampered/${tarball}`
    const { cwd, cache, run } = installStep(url, nodeOnly())
    expectRefused(
      await run(),
      cwd,
      cache,
      `The tarball ${url} has the SHA-256 ${sha256}, but ${server.baseUrl}/other/tampered/SHA256SUMS says ${WRONG}: it was not installed. Check Steadystate.Install and Steadystate.InstallSha256 against the release's SHA256SUMS`,
    )
  })

  it('refuses a download it cannot check: no SHA256SUMS beside it, or one that does not list it', async () => {
    const bare = `${server.baseUrl}/other/bare/${tarball}`
    const missing = installStep(bare, nodeOnly())
    const run = await missing.run()
    expect(run.stdout).toContain(`${server.baseUrl}/other/bare/SHA256SUMS: HTTP 404 Not Found`)
    expectRefused(
      run,
      missing.cwd,
      missing.cache,
      `Could not check the download of ${bare}: the release's checksums (${server.baseUrl}/other/bare/SHA256SUMS) could not be downloaded (see above), and Steadystate.InstallSha256 is empty, so ${bare} was not installed: put the tarball's SHA-256 (its line in the release's SHA256SUMS) in Steadystate.InstallSha256`,
    )

    const unlisted = `${server.baseUrl}/other/unlisted/${tarball}`
    const other = installStep(unlisted, nodeOnly())
    expectRefused(
      await other.run(),
      other.cwd,
      other.cache,
      `Could not check ${unlisted}: ${server.baseUrl}/other/unlisted/SHA256SUMS lists no ${tarball}, and Steadystate.InstallSha256 is empty, so ${unlisted} was not installed: put the tarball's SHA-256 (its line in the release's SHA256SUMS) in Steadystate.InstallSha256`,
    )
  })

  it('a tarball file on the worker: checked against InstallSha256 when set; without it or SHA256SUMS, used as it is', async () => {
    const alone = join(tempDir('octopus-tarball-'), tarball)
    copyFileSync(release.standalone, alone)
    const wrong = installStep(alone, nodeOnly(), { variables: { 'Steadystate.InstallSha256': WRONG } })
    expectRefused(
      await wrong.run(),
      wrong.cwd,
      wrong.cache,
      `The tarball ${alone} has the SHA-256 ${sha256}, but Steadystate.InstallSha256 says ${WRONG}: it was not installed. Check Steadystate.Install and Steadystate.InstallSha256 against the release's SHA256SUMS`,
    )
    const good = installStep(alone, nodeOnly(), { variables: { 'Steadystate.InstallSha256': sha256 } })
    const checked = await good.run()
    expectHeld(checked, good.cwd)
    expect(checked.stdout).toContain(`matches Steadystate.InstallSha256 (${sha256})`)

    // The worker's own file, with nothing to check it against: the worker's trust, as for PATH.
    const unchecked = installStep(alone, nodeOnly())
    const result = await unchecked.run()
    expectHeld(result, unchecked.cwd)
    expect(result.stdout).not.toContain('SHA-256')
  })

  it('refuses an InstallSha256 it would not check (PATH, an npm package) or that is not a SHA-256', async () => {
    const onPath = installStep('PATH', steadystateOnPath(), {
      variables: { 'Steadystate.InstallSha256': sha256 },
    })
    expectRefused(
      await onPath.run(),
      onPath.cwd,
      onPath.cache,
      "Steadystate.InstallSha256 is set, but Steadystate.Install ('PATH') is not a tarball: only a tarball is checked against it (npm checks the integrity of its packages itself). Install from the release tarball's URL or path, or clear Steadystate.InstallSha256",
    )
    const npm = installStep(`@steadystate/cli@${release.version}`, steadystateOnPath(), {
      variables: { 'Steadystate.InstallSha256': sha256 },
    })
    expect((await npm.run()).resultMessage).toBe(
      `Steadystate.InstallSha256 is set, but Steadystate.Install ('@steadystate/cli@${release.version}') is not a tarball: only a tarball is checked against it (npm checks the integrity of its packages itself). Install from the release tarball's URL or path, or clear Steadystate.InstallSha256`,
    )
    const short = installStep(release.standalone, nodeOnly(), {
      variables: { 'Steadystate.InstallSha256': 'sha256:abc' },
    })
    expectRefused(
      await short.run(),
      short.cwd,
      short.cache,
      "Steadystate.InstallSha256 must be the 64 hexadecimal digits of the tarball's SHA-256 (its line in the release's SHA256SUMS), got 'sha256:abc'",
    )
  })
})
