import { cpSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { Journal } from '@steadystate/model'
import { readJournal, runCli, tempDir, type CliResult } from './cli.ts'
import { comparableJournal } from './journal-compare.ts'
import { REPO_ROOT } from './paths.ts'
import { runReference } from './reference-chaostoolkit.ts'

/** The user modules and experiments of the bridge tests. */
export const BRIDGE_FIXTURES = join(REPO_ROOT, 'test/fixtures/python-bridge')

/**
 * A fresh working directory with the fixture's `workdir` (a module and the state it reads), and the
 * environment both tools get: PYTHONPATH names the working directory relatively (`.`, as a user of
 * chaos must: it does not search the working directory) and the `lib` folder absolutely.
 */
export function bridgeWorkdir(): { cwd: string; env: Record<string, string> } {
  const cwd = tempDir('steadystate-bridge-')
  cpSync(join(BRIDGE_FIXTURES, 'workdir'), cwd, { recursive: true })
  writeFileSync(join(cwd, 'no-settings.yaml'), '{}\n')
  return {
    cwd,
    env: { PYTHONPATH: `.:${join(BRIDGE_FIXTURES, 'lib')}`, SERVICE_TOKEN: 'eighteen-char-tok!' },
  }
}

export interface SideBySide {
  ours: { result: CliResult; journal: Journal }
  theirs: { code: number | null; output: string; journal: Journal }
}

/**
 * Runs one experiment with steadystate (its bridge on the reference virtualenv's Python) and with
 * `chaos run` of that virtualenv, each in a fresh working directory, and checks that both end the
 * same: exit code, status, deviated, every activity's status, output and error.
 */
export async function runSideBySide(
  chaosBin: string,
  experiment: string,
  extraEnv: Record<string, string> = {},
): Promise<SideBySide> {
  const mine = bridgeWorkdir()
  const result = await runCli(['run', experiment, '--journal-path', join(mine.cwd, 'journal.json')], {
    cwd: mine.cwd,
    env: { ...mine.env, ...extraEnv, STEADYSTATE_PYTHON: join(chaosBin, 'python') },
  })
  const theirsDir = bridgeWorkdir()
  const reference = await runReference(chaosBin, experiment, join(theirsDir.cwd, 'journal.json'), {
    cwd: theirsDir.cwd,
    env: { ...theirsDir.env, ...extraEnv },
  })
  const ours = { result, journal: readJournal(join(mine.cwd, 'journal.json')) }
  const theirs = {
    ...reference,
    journal: withoutLeakedToleranceValues(readJournal(join(theirsDir.cwd, 'journal.json'))),
  }
  expect(result.code, `${result.stderr}\n--- chaos run:\n${reference.output}`).toBe(reference.code)
  expect(comparableJournal(ours.journal)).toEqual(comparableJournal(theirs.journal))
  return { ours, theirs }
}

/**
 * The reference passes a probe's value to a probe tolerance by writing it into the experiment
 * (`tolerance.provider.arguments.value`), so its journal's experiment ends with the last value
 * checked; steadystate leaves the experiment as written (a deliberate difference, in the README).
 */
function withoutLeakedToleranceValues(journal: Journal): Journal {
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk)
    else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>
      const tolerance = record.tolerance as {
        type?: unknown
        provider?: { arguments?: Record<string, unknown> }
      }
      if (tolerance?.type === 'probe' && tolerance.provider?.arguments !== undefined)
        delete tolerance.provider.arguments.value
      Object.values(record).forEach(walk)
    }
  }
  walk(journal)
  return journal
}
