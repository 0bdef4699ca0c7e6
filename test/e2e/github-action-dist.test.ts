import { execFileSync } from 'node:child_process'
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/cli.ts'
import { ACTION_DIST, node24Path, runStep } from '../support/github-runner.ts'
import { REPO_ROOT } from '../support/paths.ts'
import { pdfImageCount, pdfText, pixelsOfColour } from '../support/pdf.ts'

function files(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(root, join(dir, entry.name)) : [relative(root, join(dir, entry.name))],
  )
}

/**
 * The runner runs the committed dist/ as it is, so it must be what the sources build today (the
 * check-dist workflow of actions/typescript-action). When this fails, rebuild and commit:
 * `node packages/github-action/build.mjs`.
 */
describe('packages/github-action/dist', () => {
  it('is exactly a fresh build of the sources', () => {
    const fresh = tempDir('steadystate-gha-dist-')
    execFileSync(process.execPath, [join(REPO_ROOT, 'packages/github-action/build.mjs'), '--outdir', fresh], {
      stdio: 'pipe',
    })
    const committed = files(ACTION_DIST).sort()
    expect(committed).toEqual(files(fresh).sort())
    const stale = committed.filter(
      (file) => !readFileSync(join(ACTION_DIST, file)).equals(readFileSync(join(fresh, file))),
    )
    expect(stale, 'run `node packages/github-action/build.mjs` and commit dist/').toEqual([])
  })

  it('is self-contained: runs from a copy far from any node_modules, and every chunk loads', async () => {
    const copy = join(tempDir('steadystate-gha-alone-'), 'dist')
    cpSync(ACTION_DIST, copy, { recursive: true })
    // The entries (index.js, post.js) run the action when imported: the run below covers them.
    const chunks = files(copy).filter((file) => file.startsWith('chunks/') && file.endsWith('.js'))
    // Importing a chunk whose imports cannot be resolved fails with ERR_MODULE_NOT_FOUND.
    const probe = `
      const failures = []
      for (const file of ${JSON.stringify(chunks)}) {
        try { await import('./' + file) } catch (error) { if (error.code === 'ERR_MODULE_NOT_FOUND') failures.push(file + ': ' + error.message) }
      }
      console.log(JSON.stringify(failures))`
    const output = execFileSync(node24Path(), ['--input-type=module', '-e', probe], {
      cwd: copy,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    expect(JSON.parse(output)).toEqual([])

    const workspace = tempDir('steadystate-gha-')
    writeFileSync(
      join(workspace, 'experiment.json'),
      JSON.stringify({
        title: 'self-contained',
        description: 'the bundle alone, with its PDF report',
        method: [{ type: 'action', name: 'noop', provider: { type: 'process', path: 'true' } }],
      }),
    )
    const result = await runStep('main', { workspace, inputs: { experiment: 'experiment.json' }, dist: copy })
    expect(result.code, result.stdout + result.stderr).toBe(0)
    // The same report as every other channel: charts drawn as vectors, labelled with real text.
    const pdf = join(workspace, 'report.pdf')
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-')
    expect(result.stdout).not.toMatch(/charts drawn as tables|canvas/i)
    expect(pdfImageCount(pdf)).toBe(0)
    const text = pdfText(pdf)
    expect(text).toContain('seconds since the start of the run')
    expect(text).toContain('action')
    // The action's bar (orange, #ea580c) is painted on the page of the timeline.
    expect(Math.max(...pixelsOfColour(pdf, '#ea580c'))).toBeGreaterThan(20)
  })
})
