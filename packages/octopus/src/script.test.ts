import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const SCRIPTS = [
  fileURLToPath(new URL('../scripts/run-experiment.sh', import.meta.url)),
  // The stand-ins for Octopus's helpers that the end-to-end tests source the script with.
  fileURLToPath(new URL('../../../test/support/octopus/bootstrap.sh', import.meta.url)),
]

describe("the step template's script, linted as code", () => {
  it('passes shellcheck (installed by scripts/system-deps)', () => {
    const result = spawnSync('shellcheck', ['--shell=bash', '--severity=style', ...SCRIPTS], {
      encoding: 'utf8',
    })
    if (result.error !== undefined) {
      throw new Error(
        `shellcheck could not run (${result.error.message}): run scripts/system-deps to install it`,
      )
    }
    expect(result.stdout + result.stderr).toBe('')
    expect(result.status).toBe(0)
  })

  it('parses under bash -n', () => {
    for (const script of SCRIPTS) expect(spawnSync('bash', ['-n', script]).status, script).toBe(0)
  })
})
