import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { generateTemplate, templatePaths } from './build-template.ts'
import { generate } from './generate.ts'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))

/** A copy of the files the generator reads, with no template generated yet. */
function sources(): string {
  const root = mkdtempSync(join(tmpdir(), 'octopus-generate-'))
  const from = templatePaths(ROOT)
  const to = templatePaths(root)
  for (const key of ['script', 'cliPackage'] as const) {
    mkdirSync(join(to[key], '..'), { recursive: true })
    cpSync(from[key], to[key])
  }
  mkdirSync(join(to.template, '..'))
  return root
}

function capture(root: string, argv: string[]): { code: number; out: string } {
  let out = ''
  const code = generate(root, argv, { stdout: (text) => (out += text), stderr: (text) => (out += text) })
  return { code, out }
}

describe('pnpm octopus:template', () => {
  it('writes the template, then finds it up to date', () => {
    const root = sources()
    expect(capture(root, ['--check'])).toEqual({
      code: 1,
      out: 'step-templates/steadystate-run-experiment.json differs from what its sources generate: run `pnpm octopus:template`\n',
    })
    expect(capture(root, [])).toEqual({
      code: 0,
      out: 'wrote step-templates/steadystate-run-experiment.json\n',
    })
    expect(readFileSync(templatePaths(root).template, 'utf8')).toBe(generateTemplate(ROOT))
    expect(capture(root, ['--check']).code).toBe(0)
    expect(capture(root, []).out).toBe('step-templates/steadystate-run-experiment.json is up to date\n')
  })

  it('sees a change to the script as drift', () => {
    const root = sources()
    expect(capture(root, []).code).toBe(0)
    writeFileSync(
      templatePaths(root).script,
      `${readFileSync(templatePaths(root).script, 'utf8')}\n# changed\n`,
    )
    expect(capture(root, ['--check']).code).toBe(1)
  })

  it('rejects unknown arguments', () => {
    expect(capture(sources(), ['--force'])).toEqual({
      code: 2,
      out: 'generate: unknown argument --force (usage: generate [--check])\n',
    })
  })
})
