import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../support/paths.ts'

/**
 * What every `steadystate` start loads before it looks at its arguments: the built CLI and the
 * chunks it imports statically, transitively. The heavy libraries (the Kubernetes client, the PDF
 * and chart code) must stay behind dynamic imports, loaded only by the runs and reports that use
 * them: one static import of them made `steadystate --version` twice as slow (0.06 s → 0.13 s).
 */
const DIST = join(REPO_ROOT, 'packages/cli/dist')
const HEAVY = ['@kubernetes+client-node', 'pdfkit@', 'chart.js@', 'fontkit@']

function staticClosure(entry: string): Map<string, string> {
  const seen = new Map<string, string>()
  const visit = (file: string): void => {
    if (seen.has(file)) return
    const text = readFileSync(file, 'utf8')
    seen.set(file, text)
    // Static `import … from "./x.js"` / `export … from`; `import("./x.js")` (dynamic) is not matched.
    for (const match of text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s*"(\.[^"]+)"/gms))
      visit(resolve(dirname(file), match[1] ?? ''))
  }
  visit(entry)
  return seen
}

describe('the CLI at start-up', () => {
  it('loads no heavy library statically (Kubernetes client, PDF, charts)', () => {
    const closure = staticClosure(join(DIST, 'cli.js'))
    expect(closure.size).toBeGreaterThan(1)
    const offenders = [...closure].flatMap(([file, text]) =>
      HEAVY.filter((library) => text.includes(`node_modules/.pnpm/${library}`)).map(
        (library) => `${file.slice(DIST.length + 1)} bundles ${library}`,
      ),
    )
    expect(offenders).toEqual([])
  })

  it('would notice one: the markers name what the lazily loaded chunks really bundle', () => {
    const chunks = readdirSync(join(DIST, 'chunks')).filter((name) => name.endsWith('.js'))
    const texts = chunks.map((name) => readFileSync(join(DIST, 'chunks', name), 'utf8'))
    for (const library of HEAVY)
      expect(
        texts.some((text) => text.includes(`node_modules/.pnpm/${library}`)),
        library,
      ).toBe(true)
  })
})
