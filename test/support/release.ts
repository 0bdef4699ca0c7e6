import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { REPO_ROOT } from './paths.ts'

const run = promisify(execFile)

/** What scripts/package.mjs makes: the files a release publishes of the CLI. */
export interface ReleaseFiles {
  version: string
  /** `npm pack` of @steadystate/cli. */
  npm: string
  /** steadystate-<version>.tar.gz: the bundled CLI, its fonts and a launcher; needs only Node.js. */
  standalone: string
  checksums: string
  dependencies: Record<string, string>
}

let made: Promise<ReleaseFiles> | undefined

/** Runs scripts/package.mjs (once per test file) on the built CLI, into a temporary directory. */
export function releaseFiles(): Promise<ReleaseFiles> {
  made ??= run(process.execPath, [
    join(REPO_ROOT, 'scripts/package.mjs'),
    '--out',
    mkdtempSync(join(tmpdir(), 'steadystate-release-')),
  ]).then(({ stdout }) => JSON.parse(stdout) as ReleaseFiles)
  return made
}

/** The Node.js 24 binary scripts/node24 installs (the GitHub Actions runtime). */
export async function node24(): Promise<string> {
  return (await run(join(REPO_ROOT, 'scripts/node24'))).stdout.trim()
}
