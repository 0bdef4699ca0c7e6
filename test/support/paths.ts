import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

/** The repository root, and `../shared` beside it (reference material, read-only). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const SHARED = join(REPO_ROOT, '..', 'shared')
export const CONFORMANCE = join(SHARED, 'conformance')
export const CLI_BIN = join(REPO_ROOT, 'packages/cli/bin/steadystate.js')
