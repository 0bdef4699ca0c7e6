import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { readJournal, runCli, tempDir } from '../support/cli.ts'
import { docSnippet, docSnippets } from '../support/doc-snippets.ts'
import { loadComponent } from '../support/gitlab.ts'
import { buildImage } from '../support/image.ts'
import { lint, pythonTools } from '../support/linters.ts'
import { CLI_BIN, REPO_ROOT } from '../support/paths.ts'
import { INVENTORY } from './doc-snippet-inventory.ts'
import { trivialExperiment } from '../support/experiments.ts'

/**
 * What a user pastes from docs/ works as written: every snippet is in the inventory with how that is
 * known (doc-snippet-inventory.ts), and the ones that can run on this machine without a cluster run
 * here, as written (the Kubernetes ones are in test/kubernetes/doc-snippets.test.ts).
 */

/** A host user who owns the directory, as on a usual Linux machine (the tests run as root). */
const HOST_UID = 4242

const EXPERIMENT = trivialExperiment('a snippet runs')

/** Runs a snippet with bash, as a user pastes it into a terminal. */
function bash(snippet: string, options: { cwd: string; path?: string }) {
  const result = spawnSync('bash', ['-euo', 'pipefail', '-c', snippet], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: options.path ?? process.env.PATH },
  })
  return { code: result.status, output: `${result.stdout}${result.stderr}` }
}

describe('the snippets of docs/', () => {
  it('are each in the inventory, with how they are known to work, and no entry is stale', () => {
    const snippets = docSnippets()
    const missing = snippets.filter((s) => INVENTORY[s.id] === undefined)
    expect(
      missing.map((s) => `'${s.id}': { where: '${s.file}:${s.line} ${s.text.split('\n')[0]}', check: … }`),
      'snippets to check and add to test/e2e/doc-snippet-inventory.ts',
    ).toEqual([])
    const ids = new Set(snippets.map((s) => s.id))
    const stale = Object.entries(INVENTORY).filter(([id]) => !ids.has(id))
    expect(
      stale.map(([id, entry]) => `${id} (${entry.where})`),
      'entries whose snippet changed or went',
    ).toEqual([])
    for (const { where, check } of Object.values(INVENTORY)) {
      if ('test' in check)
        expect(existsSync(join(REPO_ROOT, check.test)), `${where}: ${check.test}`).toBe(true)
    }
  })
})

describe('the snippets that run on this machine, as written', () => {
  beforeAll(async () => {
    pythonTools()
    process.stderr.write('building the image with scripts/build-image (cached after the first time)…\n')
    await buildImage()
  }, 30 * 60_000)

  it('docker run (container-image.md) writes the journal and report into a directory its user owns; without --user it could not', () => {
    const snippet = docSnippet('docs/container-image.md', 'docker run ').text
    // No Docker engine here: `docker run` stands in as buildah run; `id` answers for the host user.
    const ids = tempDir('steadystate-id-')
    writeFileSync(join(ids, 'id'), `#!/bin/sh\necho ${HOST_UID}\n`, { mode: 0o755 })
    const path = `${join(REPO_ROOT, 'test/support/docker-shim')}:${ids}:${process.env.PATH ?? ''}`
    const home = () => {
      const dir = tempDir('steadystate-home-')
      writeFileSync(join(dir, 'experiment.json'), EXPERIMENT)
      chownSync(dir, HOST_UID, HOST_UID)
      chmodSync(dir, 0o755)
      return dir
    }
    const asYou = home()
    const result = bash(snippet, { cwd: asYou, path })
    expect(result.code, result.output).toBe(0)
    expect(readJournal(join(asYou, 'journal.json')).steadystate?.verdict.kind).toBe('held')
    expect(statSync(join(asYou, 'journal.json')).uid).toBe(HOST_UID)
    expect(readFileSync(join(asYou, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
    // The snippet before the fix: the image's UID 10001 cannot write there.
    const withoutUser = home()
    const failed = bash(snippet.replace('--user "$(id -u):$(id -g)" ', ''), { cwd: withoutUser, path })
    expect(failed.code).not.toBe(0)
    expect(existsSync(join(withoutUser, 'journal.json'))).toBe(false)
  }, 120_000)

  it('the buildah commands (container-image.md) print the version from the image', () => {
    const snippet = docSnippet('docs/container-image.md', 'scripts/build-image ', 'block').text
    const result = bash(snippet, { cwd: REPO_ROOT })
    expect(result.code, result.output).toBe(0)
    const version = (
      JSON.parse(readFileSync(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }
    ).version
    expect(result.output).toContain(`\n${version}\n`)
  }, 600_000)

  it.each([
    ['the `uses:` step (github-action.md)', 'docs/github-action.md', '- uses: your-org/steadystate@v0'],
    [
      'Python before the Action (python-bridge.md)',
      'docs/python-bridge.md',
      '- uses: actions/setup-python@v5',
    ],
  ])('%s passes actionlint in a workflow, with the action checked out as ./', (_name, file, start) => {
    const snippet = docSnippet(file, start).text
    const project = tempDir('steadystate-doc-uses-')
    mkdirSync(join(project, '.git'))
    mkdirSync(join(project, '.github/workflows'), { recursive: true })
    copyFileSync(join(REPO_ROOT, 'action.yml'), join(project, 'action.yml'))
    symlinkSync(join(REPO_ROOT, 'packages'), join(project, 'packages'))
    const steps = snippet
      .replace('your-org/steadystate@v0', './')
      .split('\n')
      .map((line) => (line === '' ? line : `      ${line}`))
      .join('\n')
    writeFileSync(
      join(project, '.github/workflows/chaos.yml'),
      `on: push\njobs:\n  chaos:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n${steps}`,
    )
    const linted = lint('actionlint', ['-no-color'], project)
    expect(linted, linted.output).toMatchObject({ status: 0 })
  })

  it('`steadystate journal-facts … >> "$GITHUB_OUTPUT"` (github-action.md) sets the step outputs the Action sets', async () => {
    const work = tempDir('steadystate-doc-facts-')
    writeFileSync(join(work, 'experiment.json'), EXPERIMENT)
    expect((await runCli(['run', 'experiment.json'], { cwd: work })).code).toBe(0)
    const bin = tempDir('steadystate-doc-bin-')
    symlinkSync(CLI_BIN, join(bin, 'steadystate'))
    const snippet = docSnippet('docs/github-action.md', 'steadystate journal-facts ').text
    writeFileSync(join(work, 'github-output'), '')
    const result = spawnSync('bash', ['-euo', 'pipefail', '-c', snippet], {
      cwd: work,
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        GITHUB_OUTPUT: join(work, 'github-output'),
      },
    })
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0)
    const outputs = readFileSync(join(work, 'github-output'), 'utf8')
    expect(outputs).toMatch(/^status=completed$/m)
    expect(outputs).toMatch(/^deviated=false$/m)
    expect(outputs).toMatch(/^verdict=held$/m)
  })

  it('the GitLab snippets (gitlab.md) pass the GitLab CI schema and give only inputs the component declares', () => {
    const declared = Object.keys(loadComponent().inputs)
    const include = docSnippets().filter((s) => s.file === 'docs/gitlab.md' && s.language === 'yaml')
    expect(include).toHaveLength(3)
    const dir = tempDir('steadystate-doc-gitlab-')
    for (const [index, snippet] of include.entries()) {
      // A job that only adds rules extends the component's job: check it together with the include.
      const text = snippet.text.startsWith('include:') ? snippet.text : `${include[0]!.text}${snippet.text}`
      const file = join(dir, `${index}.gitlab-ci.yml`)
      writeFileSync(file, text)
      const schema = lint('check-jsonschema', ['--builtin-schema', 'vendor.gitlab-ci', file])
      expect(schema, `${snippet.file}:${snippet.line}\n${schema.output}`).toMatchObject({ status: 0 })
      const config = parse(text) as { include?: { component: string; inputs?: Record<string, unknown> }[] }
      for (const entry of config.include ?? []) {
        expect(entry.component).toMatch(/^\$CI_SERVER_FQDN\/steadystate\/steadystate\/run@\d+\.\d+\.\d+$/)
        for (const input of Object.keys(entry.inputs ?? {})) expect(declared, input).toContain(input)
      }
    }
  })
})
