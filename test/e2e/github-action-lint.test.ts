import { execFileSync, spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { parseText } from '@steadystate/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { INPUT_DEFAULTS, INPUT_NAMES } from '../../packages/github-action/src/inputs.ts'
import { tempDir } from '../support/cli.ts'
import { actionDefaults } from '../support/github-runner.ts'
import { REPO_ROOT } from '../support/paths.ts'

const EXAMPLES = join(REPO_ROOT, 'docs/examples/github')
const examples = readdirSync(EXAMPLES).filter((file) => file.endsWith('.yml'))
const workflows = join(REPO_ROOT, '.github/workflows')

let bin = ''

/** A linter from the cached venv; its exit status and output, whatever they are. */
function lint(tool: 'actionlint' | 'check-jsonschema', args: string[], cwd = REPO_ROOT) {
  const result = spawnSync(join(bin, tool), args, { cwd, encoding: 'utf8' })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

beforeAll(() => {
  // Creates ~/.cache/steadystate/pytools the first time (PyPI and the Go module proxy): minutes.
  bin = execFileSync(join(REPO_ROOT, 'scripts/python-tools'), { encoding: 'utf8' }).trim()
}, 900_000)

describe('action.yml', () => {
  it('validates against the action metadata schema (SchemaStore, vendored by check-jsonschema)', () => {
    const valid = lint('check-jsonschema', ['--builtin-schema', 'vendor.github-actions', 'action.yml'])
    expect(valid, valid.output).toMatchObject({ status: 0 })
    // The schema is really applied: an unknown runtime is refused.
    const broken = join(tempDir('steadystate-gha-schema-'), 'action.yml')
    writeFileSync(
      broken,
      readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8').replace('using: node24', 'using: node99'),
    )
    const invalid = lint('check-jsonschema', ['--builtin-schema', 'vendor.github-actions', broken])
    expect(invalid.status).not.toBe(0)
    expect(invalid.output).toContain('node99')
  })

  it('declares the inputs the action reads, with the defaults it applies, and runs the committed bundle', async () => {
    const parsed = await parseText(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8'), 'yaml')
    const metadata = (parsed.ok ? parsed.value : {}) as {
      inputs: Record<string, { required?: boolean }>
      runs: Record<string, string>
    }
    expect(Object.keys(metadata.inputs)).toEqual([...INPUT_NAMES])
    expect(await actionDefaults()).toEqual(INPUT_DEFAULTS)
    expect(metadata.inputs.experiment?.required).toBe(true)
    expect(metadata.runs).toEqual({
      using: 'node24',
      main: 'packages/github-action/dist/index.js',
      post: 'packages/github-action/dist/post.js',
      'post-if': 'always()',
    })
    expect(existsSync(join(REPO_ROOT, metadata.runs.main ?? ''))).toBe(true)
    expect(existsSync(join(REPO_ROOT, metadata.runs.post ?? ''))).toBe(true)
  })
})

describe('workflows', () => {
  it('the documented examples and this repository’s workflow pass actionlint and the workflow schema', () => {
    const files = [...examples.map((file) => join(EXAMPLES, file)), join(workflows, 'github-action.yml')]
    expect(examples.sort()).toEqual(['kubernetes.yml', 'on-push.yml', 'scheduled.yml'])
    const linted = lint('actionlint', ['-no-color', ...files])
    expect(linted, linted.output).toMatchObject({ status: 0 })
    const schema = lint('check-jsonschema', ['--builtin-schema', 'vendor.github-workflows', ...files])
    expect(schema, schema.output).toMatchObject({ status: 0 })
  })

  it('docs/github-action.md shows each example workflow exactly as the linted file', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs/github-action.md'), 'utf8')
    for (const file of examples) {
      expect(doc, file).toContain(`\`\`\`yaml\n${readFileSync(join(EXAMPLES, file), 'utf8')}\`\`\``)
    }
  })

  it('with the action checked out locally (`uses: ./`), the examples use only inputs action.yml declares', () => {
    // actionlint checks a local action's inputs and files; it finds the project by its .git folder.
    const project = tempDir('steadystate-gha-lint-')
    mkdirSync(join(project, '.git'))
    mkdirSync(join(project, '.github/workflows'), { recursive: true })
    copyFileSync(join(REPO_ROOT, 'action.yml'), join(project, 'action.yml'))
    symlinkSync(join(REPO_ROOT, 'packages'), join(project, 'packages'))
    for (const file of examples) {
      const text = readFileSync(join(EXAMPLES, file), 'utf8')
      expect(text).toContain('uses: your-org/steadystate@v0')
      writeFileSync(
        join(project, '.github/workflows', file),
        text.replaceAll('your-org/steadystate@v0', './'),
      )
    }
    const linted = lint('actionlint', ['-no-color'], project)
    expect(linted, linted.output).toMatchObject({ status: 0 })
    // A misspelt input is caught, so the check above means something.
    const misspelt = join(project, '.github/workflows/kubernetes.yml')
    writeFileSync(misspelt, readFileSync(misspelt, 'utf8').replace('kube-context:', 'kube-contxt:'))
    const caught = lint('actionlint', ['-no-color'], project)
    expect(caught.status).not.toBe(0)
    expect(caught.output).toContain(
      'input "kube-contxt" is not defined in action "steadystate chaos experiment"',
    )
  })
})
