import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { relative } from 'node:path'
import { generateTemplate, templatePaths } from './build-template.ts'

export interface GenerateIO {
  stdout: (text: string) => void
  stderr: (text: string) => void
}

/**
 * Writes step-templates/steadystate-run-experiment.json from the script and the metadata, or with
 * `--check` only says whether the file on disk is what they generate. Returns the exit code.
 */
export function generate(root: string, argv: readonly string[], io: GenerateIO): number {
  const check = argv.includes('--check')
  const unknown = argv.filter((arg) => arg !== '--check')
  if (unknown.length > 0) {
    io.stderr(`generate: unknown argument ${unknown.join(' ')} (usage: generate [--check])\n`)
    return 2
  }
  const path = templatePaths(root).template
  const name = relative(root, path)
  const fresh = generateTemplate(root)
  const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined
  if (check) {
    if (current === fresh) {
      io.stdout(`${name} is up to date\n`)
      return 0
    }
    io.stderr(`${name} differs from what its sources generate: run \`pnpm octopus:template\`\n`)
    return 1
  }
  if (current === fresh) {
    io.stdout(`${name} is up to date\n`)
    return 0
  }
  writeFileSync(path, fresh)
  io.stdout(`wrote ${name}\n`)
  return 0
}
