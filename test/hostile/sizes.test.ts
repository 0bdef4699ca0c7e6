import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, startCli, tempDir } from '../support/cli.ts'
import { REPO_ROOT } from '../support/paths.ts'

/**
 * Hostile sizes: a 10 MB description or output renders (cut, with a note of the full size), and a
 * SIGTERM while a long report renders stops it. How fast is for bench/hostile-report.mjs to say.
 */

const SEED = join(REPO_ROOT, 'packages/report/fixtures/seed-kubernetes.json')

function seedWith(
  change: (journal: Record<string, unknown> & { run: { output: unknown }[] }) => void,
): string {
  const journal = JSON.parse(readFileSync(SEED, 'utf8')) as Record<string, unknown> & {
    run: { output: unknown }[]
  }
  change(journal)
  return JSON.stringify(journal)
}

function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
}

describe('hostile sizes', () => {
  it('a 10 MB unbroken description and a 10 MB output: the PDF shows their start and their full size', async () => {
    const cwd = tempDir('steadystate-hostile-sizes-')
    const tenMegabytes = 10 * 1024 * 1024
    writeFileSync(
      join(cwd, 'journal.json'),
      seedWith((journal) => {
        ;(journal.experiment as Record<string, unknown>).description = 'd'.repeat(tenMegabytes)
        const first = journal.run[0]
        if (first !== undefined) first.output = 'o'.repeat(tenMegabytes)
      }),
    )
    for (const report of ['report.pdf', 'report.md', 'report.html', 'junit.xml']) {
      const result = await runCli(['report', 'journal.json', report], { cwd })
      expect(result.code, result.stderr).toBe(0)
      const size = readFileSync(join(cwd, report)).length
      expect(size, report).toBeLessThan(2_000_000)
    }
    const text = pdfText(join(cwd, 'report.pdf'))
    expect(text).toContain('[cut: 10,485,760 characters in all, see the journal]')
    expect(text).toMatch(/Output trimmed: 10,485,76\d characters/)
    expect(readFileSync(join(cwd, 'report.md'), 'utf8')).toContain('**Verdict: STEADY STATE HELD**')
  }, 120_000)

  it('SIGTERM while a long report renders stops it: no report, and the reason', async () => {
    const cwd = tempDir('steadystate-hostile-sigterm-')
    execFileSync(process.execPath, [
      join(REPO_ROOT, 'bench/long-journal.mjs'),
      join(cwd, 'long.json'),
      '5000',
    ])
    const journals = Array.from({ length: 8 }, (_, index) => {
      copyFileSync(join(cwd, 'long.json'), join(cwd, `journal-${index}.json`))
      return `journal-${index}.json`
    })
    const cli = startCli(['report', ...journals, 'report.pdf'], { cwd })
    await new Promise((resolve) => setTimeout(resolve, 1500))
    cli.child.kill('SIGTERM')
    const result = await cli.done
    // As a shell reports a process that a signal ended; the half-written file is removed.
    expect(result.code).toBe(143)
    expect(result.stderr).toMatch(/received SIGTERM: stopping/)
    expect(existsSync(join(cwd, 'report.pdf'))).toBe(false)
    expect(readdirSync(cwd).filter((name) => name.includes('report.pdf'))).toEqual([])
  }, 120_000)
})
