import { execFile, execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { readJournal, tempDir } from '../support/cli.ts'
import { lint, pythonTools } from '../support/linters.ts'
import { CLI_BIN, REPO_ROOT } from '../support/paths.ts'

/**
 * The GitLab mirror's pipeline (the root .gitlab-ci.yml): the CI/CD Catalog's release of the
 * component, read and run by gitlab-ci-local (scripts/gitlab-ci-local) in a clone laid out as the
 * mirror is on a release tag.
 */

const run = promisify(execFile)
const VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }
).version

/** What the mirror's pipeline reads: its file, the component, the example and the README. */
function mirrorClone(): string {
  const clone = tempDir('steadystate-gitlab-mirror-')
  for (const path of ['.gitlab-ci.yml', 'templates', 'examples/local', 'README.md', 'LICENSE']) {
    cpSync(join(REPO_ROOT, path), join(clone, path), { recursive: true })
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: clone, stdio: 'pipe' })
  git('init', '--quiet', '--initial-branch=main')
  git('add', '--all')
  git(
    '-c',
    'user.name=release',
    '-c',
    'user.email=release@steadystate.invalid',
    'commit',
    '--quiet',
    '-m',
    'release',
  )
  // gitlab-ci-local takes the project path (CI_PROJECT_PATH) from the remote.
  git('remote', 'add', 'origin', 'https://gitlab.com/steadystate/steadystate.git')
  git('tag', VERSION)
  return clone
}

function gitlabCiLocal(clone: string, args: string[], env: Record<string, string> = {}) {
  return run(join(REPO_ROOT, 'scripts/gitlab-ci-local'), args, {
    cwd: clone,
    env: { ...process.env, ...env },
    maxBuffer: 16 * 1024 * 1024,
  })
}

interface PipelineJob {
  stage: string
  image?: { name: string }
  script: string[]
  before_script?: string[]
  needs?: { job: string }[]
  release?: { tag_name: string }
}

describe("the GitLab mirror's pipeline: a CI/CD Catalog release of the component", () => {
  beforeAll(() => {
    pythonTools()
  }, 900_000)

  it('passes the GitLab CI schema', () => {
    const schema = lint('check-jsonschema', ['--builtin-schema', 'vendor.gitlab-ci', '.gitlab-ci.yml'])
    expect(schema, schema.output).toMatchObject({ status: 0 })
  })

  it('includes the component from the commit being released, tests it, then releases the tag', async () => {
    const clone = mirrorClone()
    const { stdout } = await gitlabCiLocal(clone, ['--preview'])
    const pipeline = parse(stdout) as Record<string, PipelineJob> & { workflow: { rules: { if: string }[] } }
    expect(pipeline.workflow.rules).toEqual([{ if: '$CI_COMMIT_TAG =~ /^[0-9]+\\.[0-9]+\\.[0-9]+$/' }])
    expect(pipeline['component-example']).toMatchObject({
      stage: 'test',
      image: { name: `ghcr.io/steadystate/steadystate:${VERSION}` },
      before_script: ['bash examples/local/setup.sh'],
      script: ['steadystate-gitlab'],
    })
    expect(pipeline.release).toMatchObject({
      stage: 'release',
      needs: [{ job: 'component-example' }],
      release: { tag_name: '$CI_COMMIT_TAG' },
    })
  }, 120_000)

  it("runs the component's job on the example (the built CLI and helper standing in for the image)", async () => {
    const clone = mirrorClone()
    const bin = tempDir('steadystate-gitlab-bin-')
    mkdirSync(bin, { recursive: true })
    symlinkSync(CLI_BIN, join(bin, 'steadystate'))
    symlinkSync(join(REPO_ROOT, 'packages/gitlab/bin/steadystate-gitlab'), join(bin, 'steadystate-gitlab'))
    const { stdout } = await gitlabCiLocal(clone, ['--force-shell-executor', 'component-example'], {
      PATH: `${bin}:${process.env.PATH ?? ''}`,
    })
    expect(stdout).toContain('PASS  component-example')
    expect(readJournal(join(clone, 'journal.json')).steadystate?.verdict.kind).toBe('held')
    expect(readFileSync(join(clone, 'steadystate.env'), 'utf8')).toContain('STEADYSTATE_VERDICT=held')
    expect(readFileSync(join(clone, 'steadystate-report.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
  }, 180_000)
})
