import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../support/paths.ts'

/** ARCHITECTURE.md names files and folders as `code`: each one must still exist. */
describe('ARCHITECTURE.md', () => {
  const text = readFileSync(join(REPO_ROOT, 'ARCHITECTURE.md'), 'utf8')
  const paths = [
    ...new Set(
      [...text.matchAll(/`((?:packages|scripts|test|templates|deploy|step-templates)\/[\w./-]*)`/g)].map(
        (match) => match[1] ?? '',
      ),
    ),
  ]

  it('names every file and folder it points to by a path that exists', () => {
    expect(paths.length).toBeGreaterThan(40)
    expect(paths.filter((path) => !existsSync(join(REPO_ROOT, path)))).toEqual([])
  })

  it('is linked from the README', () => {
    expect(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')).toContain('(ARCHITECTURE.md)')
  })
})
