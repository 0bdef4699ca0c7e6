import { realpath, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { errorMessage, notRunJournal, writeJournal, type Redactor } from '@steadystate/core'
import type { Journal } from '@steadystate/model'
import type { Logger } from './output/logger.ts'
import type { RunJobOptions, RunJobResult } from './run-job.ts'
import { VERSION } from './version.ts'

/**
 * The one producer of "not run" journals (status `aborted`, the reason under `steadystate.error`):
 * a usage error, an experiment that cannot be loaded, a journal path that cannot be written, a bug
 * before the run started. Written (when it can be) and reported like any journal.
 */
export async function notRun(
  options: RunJobOptions,
  journalPath: string,
  code: string,
  message: string,
  refused: RunJobResult['refused'],
  /** Masks the secrets known so far (e.g. a `.env` var file's values) in the journal. */
  redactor?: Pick<Redactor, 'deep'>,
): Promise<RunJobResult> {
  const { logger } = options
  logger.error(message)
  const plain = notRunJournal(options.source, code, message, VERSION)
  const journal = redactor === undefined ? plain : redactor.deep(plain)
  let journalWritten = false
  if (refused !== 'journal-unwritable') {
    try {
      await writeJournal(journalPath, journal)
      journalWritten = true
      logger.info(`journal written to ${journalPath} (status aborted: nothing was run)`)
    } catch (error) {
      logger.error(`the journal could not be written to ${journalPath}: ${errorMessage(error)}`)
    }
  }
  // A refused run gets no report: its report path may be what was wrong (the journal itself).
  const reports =
    journalWritten && refused === undefined
      ? await writeReports(journal, options, logger)
      : { reportPath: undefined, junitPath: undefined }
  return { journal, journalPath, journalWritten, issues: [], refused, ...reports }
}

/** A report path that is the journal itself (also through a symlink) would overwrite it. */
export async function samePathProblem(
  options: Pick<RunJobOptions, 'reportPath' | 'junitPath' | 'io'>,
  journalPath: string,
): Promise<string | undefined> {
  for (const [what, path] of [
    ['report', options.reportPath],
    ['JUnit', options.junitPath],
  ] as const) {
    if (path === undefined || path === '-') continue
    // A device or a pipe (`/dev/null`, `/dev/stdout`) is written in place: nothing is overwritten.
    if ((await stat(journalPath).catch(() => undefined))?.isFile() === false) continue
    const absolute = resolve(options.io.cwd, path)
    if (absolute === journalPath || (await realOrSelf(absolute)) === (await realOrSelf(journalPath)))
      return `the ${what} path ${path} is the journal itself (${journalPath}): writing the ${what} would overwrite the journal`
  }
  return undefined
}

async function realOrSelf(path: string): Promise<string> {
  return realpath(path).catch(() => path)
}

/** Reports after the journal is safely written; the report code loads only if one is asked for. */
export async function writeReports(
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
    logger.error(`the report could not be written: ${errorMessage(error)}`)
    return { reportPath: undefined, junitPath: undefined }
  }
}
