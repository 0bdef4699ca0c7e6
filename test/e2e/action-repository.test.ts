import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { readJournal, tempDir } from '../support/cli.ts'
import { runStep } from '../support/github-runner.ts'
import { lint, pythonTools } from '../support/linters.ts'
import { REPO_ROOT } from '../support/paths.ts'
import { trivialExperiment } from '../support/experiments.ts'

/**
 * The GitHub Action's Marketplace repository, as the release fills it (scripts/action-repository.mjs):
 * the action alone, valid for the Marketplace, and working from there.
 */

const VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }
).version
const TAG = `v${VERSION}`
const MAJOR = `v${VERSION.split('.')[0]}`

interface ActionMetadata {
  name: string
  description: string
  branding: { icon: string; color: string }
  runs: Record<string, string>
}

function fill(): string {
  const target = tempDir('steadystate-action-repository-')
  // A file an earlier release left there, and the repository's own git data.
  writeFileSync(join(target, 'stale.js'), '')
  execFileSync('git', ['init', '--quiet'], { cwd: target })
  execFileSync(process.execPath, [
    join(REPO_ROOT, 'scripts/action-repository.mjs'),
    target,
    '--repository',
    'steadystate/steadystate-action',
    '--source',
    'steadystate/steadystate',
    '--ref',
    TAG,
  ])
  return target
}

describe('the Marketplace repository of the GitHub Action', () => {
  let repository: string
  beforeAll(() => {
    pythonTools()
    repository = fill()
  }, 900_000)

  it('holds the action alone: action.yml, dist/, README.md and LICENSE, and no workflow', () => {
    expect(readdirSync(repository).sort()).toEqual(['.git', 'LICENSE', 'README.md', 'action.yml', 'dist'])
    expect(readdirSync(join(repository, 'dist')).sort()).toEqual(
      readdirSync(join(REPO_ROOT, 'packages/github-action/dist')).sort(),
    )
  })

  it('has metadata the Marketplace accepts: the schema (branding icon and color included), a description of at most 125 characters', () => {
    const schema = lint('check-jsonschema', [
      '--builtin-schema',
      'vendor.github-actions',
      join(repository, 'action.yml'),
    ])
    expect(schema, schema.output).toMatchObject({ status: 0 })
    for (const file of [join(repository, 'action.yml'), join(REPO_ROOT, 'action.yml')]) {
      const metadata = parse(readFileSync(file, 'utf8')) as ActionMetadata
      expect(metadata.description.length, metadata.description).toBeLessThanOrEqual(125)
      expect(metadata.name.length).toBeLessThanOrEqual(100)
      expect(metadata.branding).toEqual({ icon: 'activity', color: 'orange' })
    }
    const moved = parse(readFileSync(join(repository, 'action.yml'), 'utf8')) as ActionMetadata
    expect(moved.runs).toMatchObject({ using: 'node24', main: 'dist/index.js', post: 'dist/post.js' })
  })

  it('has a README that names that repository at the major tag and links back here, at the tag', () => {
    const readme = readFileSync(join(repository, 'README.md'), 'utf8')
    expect(readme).toContain(`- uses: steadystate/steadystate-action@${MAJOR}\n`)
    expect(readme).not.toContain('your-org')
    expect(readme).toContain(`https://github.com/steadystate/steadystate/blob/${TAG}/deploy/rbac/README.md`)
    const relative = [...readme.matchAll(/\]\(([^)]+)\)/g)]
      .map((m) => m[1])
      .filter((l) => !/^(https:|#)/.test(l ?? ''))
    expect(relative).toEqual([])
  })

  it('runs from there, as the runner runs it (node24 dist/index.js), with its report', async () => {
    const workspace = tempDir('steadystate-action-repository-run-')
    writeFileSync(join(workspace, 'experiment.json'), trivialExperiment('the Marketplace copy runs'))
    const result = await runStep('main', {
      workspace,
      dist: join(repository, 'dist'),
      inputs: { experiment: 'experiment.json' },
    })
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs.verdict).toBe('held')
    expect(readJournal(join(workspace, 'journal.json')).status).toBe('completed')
    expect(readFileSync(join(workspace, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
  })
})
