import { resolve } from 'node:path'
import {
  abandonedJournal,
  errorMessage,
  journalErrorCode,
  loadExperiment,
  loadOverrides,
  normalizeExperiment,
  Redactor,
  resolveInputs,
  runExperiment,
  writableProblem,
  type Environment,
  type Overrides,
  type RunOptions,
  type RunResult,
  type ValidationIssue,
} from '@steadystate/core'
import type { Journal } from '@steadystate/model'
import type { ReportOptions } from '@steadystate/report'
import { clusterOptionsProblem, runSafeguards, type ClusterOptions } from './cluster-options.ts'
import { JournalWriter } from './journal-writer.ts'
import { notRun, samePathProblem, writeReports } from './job-journal.ts'
import { loaderAuth } from './loader-auth.ts'
import { redactingLogger, type LogTarget, type Logger } from './output/logger.ts'
import { createRegistry } from './registry.ts'
import { VERSION } from './version.ts'
import { loadGlobalInputs, type GlobalInputs } from './global-inputs.ts'
import { finishedEvents, httpChannels, notify } from './notifications.ts'

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
  | 'skipUnknownControls'

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
  /** `--control-file`s: global controls, honoured or refused like the experiment's. */
  controlFiles?: readonly string[]
  /** `--settings`: else the Chaos Toolkit's default settings file, when there is one. */
  settingsPath?: string | undefined
  /** @default true */
  verifyTls?: boolean
  engine: JobEngineOptions
  /** The record of pending rollbacks and the lock kept in the cluster (Kubernetes runs). */
  cluster?: ClusterOptions | undefined
  io: JobIO
  logger: Logger
  /**
   * Receives every secret value the run knows (the experiment's secrets, `.env` var file values, the
   * loader's bearer token) before anything that could show one is logged, so a CI host can mask them.
   */
  onSecrets?: (values: string[]) => void
  /** Passed to the report renderers (e.g. a font folder for a bundle without node_modules). */
  reportOptions?: ReportOptions
  /** A usage error the host found (a wrong flag or input): nothing runs, the journal says why. */
  refusal?: string | undefined
}

export interface RunJobResult {
  journal: Journal
  /** Absolute paths of what was written; a report that failed is missing here. */
  journalPath: string
  /** False when the journal could not be written (then nothing ran). */
  journalWritten: boolean
  reportPath: string | undefined
  junitPath: string | undefined
  /** Validation problems; errors mean nothing was run. */
  issues: ValidationIssue[]
  /** Nothing ran because of how it was asked (`steadystate run` exits 2): why, else undefined. */
  refused: 'usage' | 'journal-unwritable' | undefined
}

/**
 * One `steadystate run`, as every host runs it: check that the journal can be written, load the var
 * files and the experiment, run it with truthful checkpoints, write the final journal, then the
 * reports. Never throws: whatever stops a run (a usage error, an experiment that cannot be loaded,
 * a bug) still leaves a journal that says so; only an unwritable journal path leaves none, and that
 * is found before anything runs.
 */
export async function runJob(options: RunJobOptions): Promise<RunJobResult> {
  const { io, source } = options
  const journalPath = resolve(io.cwd, options.journalPath)
  const usage =
    options.refusal ?? clusterOptionsProblem(options.cluster) ?? (await samePathProblem(options, journalPath))
  if (usage !== undefined) return notRun(options, journalPath, 'USAGE', usage, 'usage')
  const problem = await writableProblem(journalPath)
  if (problem !== undefined)
    return notRun(
      options,
      journalPath,
      'JOURNAL_UNWRITABLE',
      `the journal cannot be written to ${journalPath}: ${problem}; nothing was run`,
      'journal-unwritable',
    )

  let overrides: Overrides
  let globals: GlobalInputs
  try {
    overrides = await loadOverrides(options.varFiles, options.vars)
    globals = await loadGlobalInputs(options)
  } catch (error) {
    return notRun(options, journalPath, 'USAGE', errorMessage(error), 'usage')
  }
  const auth = loaderAuth(io.env)
  const early = [...overrides.sensitive, ...(auth.bearerToken === undefined ? [] : [auth.bearerToken])]
  options.onSecrets?.(early)
  let loaded
  try {
    loaded = await loadExperiment(source, {
      verifyTls: options.verifyTls !== false,
      signal: io.signal,
      env: io.env,
      ...auth,
    })
  } catch (error) {
    const code = journalErrorCode(error, 'EXPERIMENT_UNREADABLE')
    const redactor = new Redactor(early)
    const redacted = { ...options, logger: redactingLogger(options.logger, redactor) }
    return notRun(redacted, journalPath, code, errorMessage(error), undefined, redactor)
  }

  // Parsed once, resolved once: the engine validates and runs this experiment with these inputs.
  const experiment = normalizeExperiment(loaded.experiment)
  const inputs = resolveInputs(experiment, io.env, overrides, early)
  const secrets = inputs.secretValues
  options.onSecrets?.(secrets.filter((value) => !early.includes(value)))
  const redactor = new Redactor(secrets)
  const logger = redactingLogger(options.logger, redactor)
  const writer = new JournalWriter(journalPath, (message) => logger.warn(message))
  io.onForcedExit?.(() => writer.writeForExit('a repeated signal made it exit at once'))
  const settings = globals.settings
  const channels = settings === undefined ? [] : httpChannels(settings.notifications, settings.path, logger)
  await notify(channels, 'run-started', redactor.deep(experiment.source), logger)
  let result: RunResult
  try {
    result = await runExperiment(experiment, {
      source,
      sourceBytes: loaded.bytes,
      registry: createRegistry(),
      env: io.env,
      cwd: io.cwd,
      version: VERSION,
      overrides,
      inputs,
      ...definedOnly(options.engine),
      globalControls: globals.controls,
      ...(settings === undefined ? {} : { settings: settings.document }),
      signal: io.signal,
      onEvent: (event) => logger.event(event),
      onCheckpoint: (journal) => writer.checkpoint(journal),
      safeguards: runSafeguards(options.cluster, io.env),
    })
  } catch (error) {
    // The engine turns every problem of the experiment into its journal: this is a bug.
    const message = `internal error: ${errorMessage(error)}. This is a bug in steadystate ${VERSION}; please report it`
    const last = writer.lastCheckpoint
    if (last === undefined)
      return notRun({ ...options, logger }, journalPath, 'INTERNAL', message, undefined, redactor)
    logger.error(message)
    result = { journal: redactor.deep(abandonedJournal(last, message)), issues: [] }
  }
  // Validation messages can quote literals of the experiment, its secrets among them.
  result = {
    ...result,
    issues: result.issues.map((issue) => ({ ...issue, message: redactor.text(issue.message) })),
  }
  logIssues(result, source, logger)
  let journalWritten = true
  try {
    await writer.writeFinal(result.journal)
    logger.info(`journal written to ${journalPath}`)
  } catch (error) {
    journalWritten = false
    logger.error(`the journal could not be written to ${journalPath}: ${errorMessage(error)}`)
  }
  for (const event of finishedEvents(result.journal)) await notify(channels, event, result.journal, logger)
  return {
    journal: result.journal,
    journalPath,
    journalWritten,
    issues: result.issues,
    refused: undefined,
    ...(await writeReports(result.journal, withSecrets(options, secrets), logger)),
  }
}

/** The report renderers mask the run's secrets too (the journal has them masked already). */
function withSecrets(options: RunJobOptions, secrets: string[]): RunJobOptions {
  return { ...options, reportOptions: { ...options.reportOptions, values: secrets } }
}

function logIssues(result: RunResult, source: string, logger: Logger): void {
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
}

function definedOnly<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>
  }
}
