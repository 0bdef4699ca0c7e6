import type { ErrorCode, Journal } from '@steadystate/model'
import { arch, platform } from 'node:os'
import { systemClock } from './clock.ts'
import { assembleJournal } from './assemble.ts'

/**
 * The journal of an experiment that could not even be loaded (missing file, broken JSON/YAML):
 * status `aborted`, the error in the extras, so CI always has a journal to publish.
 */
export function notRunJournal(source: string, code: ErrorCode, message: string, version: string): Journal {
  const now = systemClock()
  return assembleJournal({
    experiment: { title: source, description: 'the experiment could not be loaded', method: [], dry: null },
    startMicros: now,
    endMicros: now,
    status: 'aborted',
    deviated: false,
    before: null,
    after: null,
    during: [],
    run: [],
    rollbacks: [],
    extras: {
      version,
      runtime: `node ${process.versions.node} on ${platform()}-${arch()}`,
      options: {
        rollbackStrategy: 'default',
        hypothesisStrategy: 'default',
        hypothesisFrequency: 1,
        failFast: false,
        dry: null,
      },
      verdict: { kind: 'aborted', summary: `The experiment could not be loaded: ${message}` },
      warnings: [],
      error: { code, message },
      rollbacks: {
        strategy: 'default',
        played: false,
        reason: 'nothing ran, so there was nothing to roll back',
      },
      redactions: 0,
      measurements: [],
    },
  })
}
