import { resolve } from 'node:path'
import {
  knownSecretValues,
  loadExperiment,
  loadOverrides,
  notRunJournal,
  Redactor,
  resolveSecrets,
  runExperiment,
  runRollbacksOnly,
  SteadystateError,
  writeJournal,
  type Environment,
  type RollbacksOnlyOptions,
  type RunOptions,
  type ValidationIssue,
} from '@steadystate/core'
import type { Journal } from '@steadystate/model'
import type { ReportOptions } from '@steadystate/report'
import { JournalCheckpoints } from './journal-checkpoints.ts'
import { redactingLogger, type LogTarget, type Logger } from './output/logger.ts'
import { createRegistry } from './registry.ts'
import { VERSION } from './version.ts'

/** What a job needs from its host: the CLI's process, or a CI adapter's. */
export interface JobIO {
  cwd: string
  env: Environment
  /** Where a report goes when its path is `-`. */
  stdout: LogTarget
  /** Aborted when the job is interrupted (SIGINT/SIGTERM, a cancelled CI job). */
  signal: AbortSignal
  /** Registers what to do before a forced exit: write the last journal checkpoint synchronously. */
  onForcedExit?: (flush: () => void) => void
}

type EngineKeys =
  | 'dry'
  | 'rollbackStrategy'
  | 'hypothesisStrategy'
  | 'hypothesisFrequency'
  | 'rollbackTimeoutSeconds'
  | 'failFast'
  | 'skipValidation'

/** The engine options a job passes through (`chaos run`'s flags); undefined means the default. */
export type JobEngineOptions = { [K in EngineKeys]?: RunOptions[K] | undefined }

export interface RunJobOptions {
  /** The experiment: a path (relative to `io.cwd`) or an http(s) URL. */
  source: string
  /** Relative paths are resolved against `io.cwd`. */
  journalPath: string
  /** A report of the journal (PDF, or Markdown/HTML by extension); none when undefined. */
  reportPath?: string | undefined
  /** JUnit XML of the journal; none when undefined. */
  junitPath?: string | undefined
  /** `--var-file`s, as paths the process can open, and `--var name[:type]=value`s. */
  varFiles: readonly string[]
  vars: readonly string[]
  /** @default true */
  verifyTls?: boolean
  engine: JobEngineOptions
  io: JobIO
  logger: Logger
  /**
   * Receives every secret value the run knows (the experiment's secrets, `.env` var file values, the
   * loader's bearer token) before anything that could show one is logged, so a CI host can mask them.
   */
  onSecrets?: (values: string[]) => void
  /** Passed to the report renderers (e.g. a font folder for a bundle without node_modules). */
  reportOptions?: ReportOptions
  /** Play only the rollbacks, for a run killed before it could (see `runRollbacksOnly`). */
  rollbacksOnly?: Pick<RollbacksOnlyOptions, 'interruption' | 'deviated'>
}

export interface RunJobResult {
  journal: Journal
  /** Absolute paths of what was written; a report that failed is missing here. */
  journalPath: string
  reportPath: string | undefined
  junitPath: string | undefined
  /** Validation problems; errors mean nothing was run. */
  issues: ValidationIssue[]
}

/**
 * One `steadystate run`, as every host runs it: load the var files and the experiment, run it with
 * journal checkpoints, write the journal (always, also when the experiment cannot be loaded), then
 * the reports. Throws only for usage errors (an unreadable var file, a malformed `--var`).
 */
export async function runJob(options: RunJobOptions): Promise<RunJobResult> {
  const { io, source } = options
  const journalPath = resolve(io.cwd, options.journalPath)
  const overrides = await loadOverrides(options.varFiles, options.vars)
  const bearerToken = io.env.CHAOSTOOLKIT_LOADER_AUTH_BEARER_TOKEN
  const early = [...overrides.sensitive, ...(bearerToken === undefined ? [] : [bearerToken])]
  options.onSecrets?.(early)

  let loaded
  try {
    loaded = await loadExperiment(source, {
      verifyTls: options.verifyTls !== false,
      ...(bearerToken === undefined ? {} : { bearerToken }),
    })
  } catch (error) {
    const redactor = new Redactor(early)
    const logger = redactingLogger(options.logger, redactor)
    const message = error instanceof Error ? error.message : String(error)
    logger.error(message)
    const code = error instanceof SteadystateError ? error.code : 'EXPERIMENT_UNREADABLE'
    const journal = redactor.deep(notRunJournal(source, code, message, VERSION))
    await writeJournal(journalPath, journal)
    logger.info(`journal written to ${journalPath} (status aborted: the experiment could not be loaded)`)
    return { journal, journalPath, issues: [], ...(await writeReports(journal, options, logger)) }
  }

  const env = { ...io.env, ...overrides.env }
  const secrets = [
    ...knownSecretValues(resolveSecrets(loaded.experiment.secrets, env, overrides.secrets).values, overrides),
    ...early,
  ]
  options.onSecrets?.(secrets.filter((value) => !early.includes(value)))
  const redactor = new Redactor(secrets)
  const logger = redactingLogger(options.logger, redactor)

  const checkpoints = new JournalCheckpoints(journalPath)
  io.onForcedExit?.(() => {
    checkpoints.writeNow()
  })
  const runOptions: RunOptions = {
    source,
    sourceBytes: loaded.bytes,
    registry: createRegistry(),
    env: io.env,
    cwd: io.cwd,
    version: VERSION,
    overrides: { ...overrides, sensitive: secrets },
    ...definedOnly(options.engine),
    signal: io.signal,
    onEvent: (event) => logger.event(event),
    onCheckpoint: (journal) => checkpoints.save(journal),
  }
  const result =
    options.rollbacksOnly === undefined
      ? await runExperiment(loaded.experiment, runOptions)
      : await runRollbacksOnly(loaded.experiment, { ...runOptions, ...options.rollbacksOnly })
  // Validation messages can quote literals of the experiment, its secrets among them.
  const issues = result.issues.map((issue) => ({ ...issue, message: redactor.text(issue.message) }))
  const errors = issues.filter((issue) => issue.severity === 'error')
  if (errors.length > 0) {
    logger.error(
      `${source} is not a valid experiment (${errors.length} problem${errors.length === 1 ? '' : 's'}); nothing was run:`,
    )
    for (const issue of errors)
      logger.error(`  ${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`)
  } else if (result.journal.status === 'aborted' && result.journal.steadystate?.error !== undefined) {
    logger.error(result.journal.steadystate.error.message)
  }
  await checkpoints.flush()
  await writeJournal(journalPath, result.journal)
  logger.info(`journal written to ${journalPath}`)
  return {
    journal: result.journal,
    journalPath,
    issues,
    ...(await writeReports(result.journal, withSecrets(options, secrets), logger)),
  }
}

/** Reports after the journal is safely written; the report code loads only if one is asked for. */
async function writeReports(
  journal: Journal,
  options: RunJobOptions,
  logger: Logger,
): Promise<{ reportPath: string | undefined; junitPath: string | undefined }> {
  const paths = { report: options.reportPath, junit: options.junitPath }
  if (paths.report === undefined && paths.junit === undefined)
    return { reportPath: undefined, junitPath: undefined }
  try {
    const { writeRunReports } = await import('./commands/report.ts')
    const written = await writeRunReports(journal, paths, options.io, logger, options.reportOptions)
    return { reportPath: written.report, junitPath: written.junit }
  } catch (error) {
    logger.error(`the report could not be written: ${(error as Error).message}`)
    return { reportPath: undefined, junitPath: undefined }
  }
}

/** The report renderers mask the run's secrets too (the journal has them masked already). */
function withSecrets(options: RunJobOptions, secrets: string[]): RunJobOptions {
  return { ...options, reportOptions: { ...options.reportOptions, values: secrets } }
}

function definedOnly<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>
  }
}
