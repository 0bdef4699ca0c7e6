/**
 * The CLI's run flow as a library, for CI adapters (the GitHub Action): one `runJob` that every host
 * runs experiments through, and the CLI's log rendering, so adapters log exactly as `steadystate run`.
 */
export {
  runJob,
  type JobIO,
  type JobEngineOptions,
  type RunJobOptions,
  type RunJobResult,
} from './run-job.ts'
export { createLogger, type Logger, type LogTarget } from './output/logger.ts'
export { formatEvent } from './output/format-event.ts'
export { VERSION } from './version.ts'
