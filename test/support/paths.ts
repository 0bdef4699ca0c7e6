import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
/**
 * Facts measured from the reference Chaos Toolkit (tolerance vectors, reference runs) and the seed
 * experiment, kept in the repository: see test/fixtures/conformance/README.md.
 */
export const CONFORMANCE = join(REPO_ROOT, 'test/fixtures/conformance')
/** The experiment a user runs today from an Octopus runbook, byte for byte. */
export const SEED_EXPERIMENT = join(CONFORMANCE, 'seed/experiment.json')
export const CLI_BIN = join(REPO_ROOT, 'packages/cli/bin/steadystate.js')
