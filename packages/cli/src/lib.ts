/**
 * The library entry of @steadystate/cli (`import { runJob } from '@steadystate/cli'`; built to
 * dist/index.js, which runs nothing when imported; the command is cli.ts, the package's bin). It is
 * the CLI's run flow for CI adapters (the GitHub Action): one `runJob` that every host runs
 * experiments through, one `rollbackJob` that every recovery goes through, the facts adapters
 * publish, and the CLI's log rendering, so adapters log exactly as `steadystate run`.
 */
export {
  runJob,
  type JobIO,
  type JobEngineOptions,
  type RunJobOptions,
  type RunJobResult,
} from './run-job.ts'
export { rollbackJob, type RollbackJobOptions, type RollbackJobResult } from './rollback-job.ts'
export {
  journalFacts,
  formatFacts,
  FACT_FORMATS,
  type JournalFacts,
  type FactFormat,
} from './journal-facts.ts'
export { readJournalFile } from './read-journal.ts'
export { exitCodeFor, type ExitPolicy } from './exit-codes.ts'
export { surviveClosedOutput } from './output/streams.ts'
export { createLogger, type Logger, type LogTarget } from './output/logger.ts'
export { formatEvent } from './output/format-event.ts'
export { VERSION } from './version.ts'
