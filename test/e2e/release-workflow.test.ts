import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { tempDir } from '../support/cli.ts'
import { lint, pythonTools } from '../support/linters.ts'
import { REPO_ROOT } from '../support/paths.ts'

/**
 * The release workflow (.github/workflows/release.yml), checked here since it can only run on
 * GitHub: linted, and holding the steps docs/releasing.md promises; and the version check it
 * starts with, run as it runs it.
 */

const WORKFLOW = join(REPO_ROOT, '.github/workflows/release.yml')
const VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }
).version

interface Step {
  name?: string
  uses?: string
  run?: string
  with?: Record<string, string | boolean>
}
interface Job {
  needs?: string | string[]
  permissions?: Record<string, string>
  steps: Step[]
}
interface Workflow {
  on: { push: { tags: string[] } }
  jobs: Record<string, Job>
}

const workflow = parse(readFileSync(WORKFLOW, 'utf8')) as Workflow
const steps = (job: string) => workflow.jobs[job]?.steps ?? []
const runs = (job: string) =>
  steps(job)
    .map((step) => step.run ?? '')
    .join('\n')
const uses = (job: string, action: string) => steps(job).filter((step) => step.uses?.startsWith(`${action}@`))

beforeAll(() => {
  pythonTools()
}, 900_000)

describe('the release workflow', () => {
  it('passes actionlint (with shellcheck on every run script) and the workflow schema', () => {
    const linted = lint('actionlint', ['-no-color', WORKFLOW])
    expect(linted, linted.output).toMatchObject({ status: 0 })
    const schema = lint('check-jsonschema', ['--builtin-schema', 'vendor.github-workflows', WORKFLOW])
    expect(schema, schema.output).toMatchObject({ status: 0 })
    // actionlint really reads the jobs: a misspelt dependency is caught.
    const broken = join(tempDir('steadystate-release-lint-'), 'release.yml')
    writeFileSync(
      broken,
      readFileSync(WORKFLOW, 'utf8').replace('needs: [test, npm, image]', 'needs: [test, npm, imag]'),
    )
    const caught = lint('actionlint', ['-no-color', broken])
    expect(caught.status).not.toBe(0)
    expect(caught.output).toContain('"imag"')
  })

  it('runs on version tags only, and tests before anything is published', () => {
    expect(Object.keys(workflow.on)).toEqual(['push'])
    expect(workflow.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+'])
    expect(runs('test')).toContain('node scripts/release-version.mjs "$GITHUB_REF_NAME"')
    expect(runs('test')).toMatch(/scripts\/test\n/)
    expect(runs('test')).toContain('node scripts/package.mjs --out release')
    for (const [name, job] of Object.entries(workflow.jobs)) {
      if (name !== 'test') expect([job.needs ?? []].flat(), name).toContain('test')
    }
  })

  it('publishes the npm package with provenance, from the tarball the tests installed', () => {
    expect(workflow.jobs.npm?.permissions).toMatchObject({ 'id-token': 'write' })
    expect(runs('npm')).toContain('npm publish --provenance --access public "$tarball"')
    expect(runs('npm')).toContain('tarball="release/steadystate-cli-$VERSION.tgz"')
  })

  it('pushes both images for linux/amd64 and linux/arm64 with an SBOM and provenance, and attests them', () => {
    const builds = uses('image', 'docker/build-push-action')
    expect(builds.map((step) => step.with?.file)).toEqual(['Dockerfile', 'Dockerfile.kubectl'])
    for (const build of builds) {
      expect(build.with).toMatchObject({
        platforms: 'linux/amd64,linux/arm64',
        push: true,
        sbom: true,
        provenance: 'mode=max',
      })
    }
    expect(builds[1]?.with?.['build-args']).toContain(
      'BASE=${{ env.IMAGE }}@${{ steps.main.outputs.digest }}',
    )
    expect(uses('image', 'actions/attest-build-provenance')).toHaveLength(2)
    expect(runs('image')).toContain('node scripts/image-context.mjs "$RUNNER_TEMP/image"')
    expect(runs('image')).toContain('scripts/kubectl-build "$arch"')
  })

  it('attaches the tarballs and checksums to the GitHub release, moves the major tag, fills the Marketplace repository and the GitLab mirror', () => {
    expect(runs('github-release')).toContain(
      'files=(release/steadystate-cli-"$VERSION".tgz release/steadystate-"$VERSION".tar.gz release/SHA256SUMS)',
    )
    expect(uses('github-release', 'actions/attest-build-provenance')).toHaveLength(1)
    expect(runs('action')).toContain('git push --force origin "refs/tags/$MAJOR"')
    expect(runs('action')).toContain('node scripts/action-repository.mjs action-repository')
    expect(runs('action')).toContain('--draft')
    expect(runs('gitlab')).toContain('"$GITHUB_SHA:refs/tags/$VERSION"')
  })

  it('calls only scripts that exist in this repository', () => {
    const called = [...readFileSync(WORKFLOW, 'utf8').matchAll(/\bscripts\/[\w.-]+/g)].map(
      (match) => match[0],
    )
    expect(called.length).toBeGreaterThan(5)
    for (const script of new Set(called)) expect(existsSync(join(REPO_ROOT, script)), script).toBe(true)
  })
})

describe('scripts/release-version.mjs, the first step of a release', () => {
  const check = (tag: string, env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/release-version.mjs'), tag], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    })

  it("passes for this version's tag, and gives the workflow the version and the major tag", () => {
    const output = join(tempDir('steadystate-release-output-'), 'output')
    writeFileSync(output, '')
    const result = check(`v${VERSION}`, { GITHUB_OUTPUT: output })
    expect(result.status, result.stderr).toBe(0)
    expect(readFileSync(output, 'utf8')).toBe(`version=${VERSION}\nmajor=v${VERSION.split('.')[0]}\n`)
  })

  it('lists every place that names another version, and refuses a tag that is not vX.Y.Z', () => {
    const other = check('v99.0.0')
    expect(other.status).toBe(1)
    expect(other.stderr).toContain(`packages/cli/package.json: version is ${VERSION}, the tag says 99.0.0`)
    expect(other.stderr).toContain(`templates/run.yml: the image-version input defaults to ${VERSION}`)
    expect(other.stderr).toMatch(/deploy\/cronjob\/cronjob\.yaml:\d+: ghcr\.io\/steadystate\/steadystate:/)
    expect(other.stderr).toMatch(/step-templates\/steadystate-run-experiment\.json:\d+: @steadystate\/cli@/)
    expect(check(VERSION)).toMatchObject({ status: 2 })
    expect(check(`v${VERSION}-rc.1`)).toMatchObject({ status: 2 })
  })
})
