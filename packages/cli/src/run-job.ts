import { resolve } from 'node:path'
import {
  loadExperiment,
  loadOverrides,
  notRunJournal,
  resolveSecrets,
  runExperiment,
  runRollbacksOnly,
  secretValues,
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
import type { LogTarget, Logger } from './output/logger.ts'
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
  /**
   * Registers what to do before a forced exit: write the last journal checkpoint synchronously and
   * return its path (undefined when there was none yet), so the host can say what is on disk.
   */
  onForcedExit?: (flush: () => string | undefined) => void
  /** Temporary files being written (reports); a host that exits on a signal removes them. */
  temporaryFiles?: Set<string>
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
   * Receives every secret value the experiment resolves (inline, environment, var files) before the
   * engine starts, so a CI host can mask them before any log line can show one.
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
  const { io, logger, source } = options
  const journalPath = resolve(io.cwd, options.journalPath)
  const overrides = await loadOverrides(options.varFiles, options.vars)

  let loaded
  try {
    loaded = await loadExperiment(source, {
      verifyTls: options.verifyTls !== false,
      signal: io.signal,
      env: io.env,
      ...(io.env.CHAOSTOOLKIT_LOADER_AUTH_BEARER_TOKEN === undefined
        ? {}
        : { bearerToken: io.env.CHAOSTOOLKIT_LOADER_AUTH_BEARER_TOKEN }),
    })
  } catch (error) {
    logger.error((error as Error).message)
    const code = error instanceof SteadystateError ? error.code : 'EXPERIMENT_UNREADABLE'
    const journal = notRunJournal(source, code, (error as Error).message, VERSION)
    await writeJournal(journalPath, journal)
    logger.info(`journal written to ${journalPath} (status aborted: the experiment could not be loaded)`)
    return { journal, journalPath, issues: [], ...(await writeReports(journal, options, logger)) }
  }

  const env = { ...io.env, ...overrides.env }
  options.onSecrets?.(secretValues(resolveSecrets(loaded.experiment.secrets, env, overrides.secrets).values))

  const checkpoints = new JournalCheckpoints(journalPath)
  io.onForcedExit?.(() => checkpoints.writeNow())
  const runOptions: RunOptions = {
    source,
    registry: createRegistry(),
    env: io.env,
    cwd: io.cwd,
    version: VERSION,
    overrides,
    ...definedOnly(options.engine),
    signal: io.signal,
    onEvent: (event) => logger.event(event),
    onCheckpoint: (journal) => checkpoints.save(journal),
  }
  const result =
    options.rollbacksOnly === undefined
      ? await runExperiment(loaded.experiment, runOptions)
      : await runRollbacksOnly(loaded.experiment, { ...runOptions, ...options.rollbacksOnly })
  const errors = result.issues.filter((issue) => issue.severity === 'error')
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
    issues: result.issues,
    ...(await writeReports(result.journal, options, logger)),
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

function definedOnly<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>
  }
}
