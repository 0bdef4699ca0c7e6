import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../support/paths.ts'

/**
 * Every workspace package's exports map points at files that exist after `pnpm build`, and plain
 * Node (no `steadystate-source` condition, no TypeScript) imports each entry: the library entry of
 * the CLI among them, which must run nothing when imported.
 */

const run = promisify(execFile)

interface Manifest {
  name: string
  exports?: Record<string, string | Record<string, string>>
}

const manifests = readdirSync(join(REPO_ROOT, 'packages'))
  .filter((folder) => existsSync(join(REPO_ROOT, 'packages', folder, 'package.json')))
  .map((folder) => ({
    folder,
    manifest: JSON.parse(
      readFileSync(join(REPO_ROOT, 'packages', folder, 'package.json'), 'utf8'),
    ) as Manifest,
  }))
  .filter(({ manifest }) => manifest.exports !== undefined)

/** Imports `specifiers` with plain node from `cwd`; each one's export names. */
async function importWithNode(cwd: string, specifiers: string[]): Promise<Record<string, string[]>> {
  const script = `const out = {}; for (const s of ${JSON.stringify(specifiers)}) out[s] = Object.keys(await import(s)); console.log(JSON.stringify(out))`
  const { stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd })
  expect(stderr).toBe('')
  return JSON.parse(stdout) as Record<string, string[]>
}

describe('the workspace packages after pnpm build', () => {
  it('lists packages with exports maps', () => {
    expect(manifests.map(({ folder }) => folder)).toEqual(
      expect.arrayContaining(['model', 'core', 'kubernetes', 'prometheus', 'report', 'cli']),
    )
  })

  describe.for(manifests)('packages/$folder', ({ folder, manifest }) => {
    const directory = join(REPO_ROOT, 'packages', folder)
    const targets = Object.entries(manifest.exports ?? {})

    it('points every export condition at a file that exists', () => {
      const missing = targets.flatMap(([subpath, target]) =>
        Object.entries(typeof target === 'string' ? { default: target } : target)
          .filter(([, file]) => !existsSync(join(directory, file)))
          .map(([condition, file]) => `${subpath} (${condition}): ${file}`),
      )
      expect(missing).toEqual([])
    })

    it('is imported by plain node, entry by entry, by its own name', async () => {
      const specifiers = targets
        .filter(([subpath]) => subpath !== './package.json')
        .map(([subpath]) => join(manifest.name, subpath))
      const imported = await importWithNode(directory, specifiers)
      for (const specifier of specifiers) expect(imported[specifier]?.length, specifier).toBeGreaterThan(0)
    })
  })

  it("import('@steadystate/cli') from a consumer lists the library API and runs nothing", async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      ['-e', "import('@steadystate/cli').then(m => console.log(Object.keys(m).join(' ')))"],
      { cwd: REPO_ROOT },
    )
    expect(stderr).toBe('')
    expect(stdout.trim().split(' ')).toEqual(
      expect.arrayContaining(['runJob', 'rollbackJob', 'journalFacts', 'formatFacts', 'readJournalFile']),
    )
    expect(stdout).not.toMatch(/Usage|steadystate <command>/)
  })
})
