import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

/**
 * The repository root, and `../shared` beside it (reference material, read-only); STEADYSTATE_SHARED
 * names it elsewhere (e.g. from a git worktree that has no `../shared`).
 */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const SHARED = process.env.STEADYSTATE_SHARED ?? join(REPO_ROOT, '..', 'shared')
export const CONFORMANCE = join(SHARED, 'conformance')
export const CLI_BIN = join(REPO_ROOT, 'packages/cli/bin/steadystate.js')
