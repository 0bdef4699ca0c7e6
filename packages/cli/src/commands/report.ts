import { readFile, realpath } from 'node:fs/promises'
import { resolve } from 'node:path'
import {
  errorMessage,
  loadOverrides,
  MAX_JOURNAL_NESTING_DEPTH,
  nestingProblem,
  writeFileSafely,
} from '@steadystate/core'
import {
  collectSecretValues,
  formatFromPath,
  parseFormat,
  renderReport,
  REPORT_FORMATS,
  type ReportFormat,
  type ReportOptions,
} from '@steadystate/report'
import type { Journal } from '@steadystate/model'
import { listValue, parseCommandArgs, stringValue, type OptionSpec } from '../args.ts'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes.ts'
import { neutraliseMarkers } from '../output/ci-safe.ts'
import { chooseFormat, createLogger, type Logger } from '../output/logger.ts'
import type { CommandIO } from './run.ts'

const OPTIONS: OptionSpec = {
  'export-format': { type: 'string' },
  title: { type: 'string' },
  'no-charts': { type: 'boolean' },
  'var-file': { type: 'string', multiple: true },
  var: { type: 'string', multiple: true },
  'log-format': { type: 'string' },
}

export const REPORT_HELP = `Usage: steadystate report [options] JOURNAL... OUTPUT

Renders one report from one or more journals (steadystate's or the Chaos Toolkit's, any version);
several journals give one report with a trends section first. OUTPUT "-" writes to stdout.
Exit code 0 when written, 1 if not, 2 for usage errors, 130/143 when stopped by SIGINT/SIGTERM
(nothing is left half-written).

Options (as chaos report):
  --export-format F   pdf | md | junit | html (also markdown, html5, xml); default: from
                      OUTPUT's extension (.pdf .md .xml .html), else md
  --title TEXT        title of a report over several journals
  --var-file FILE     var file whose secrets (and every value of a .env file) are also masked
                      in the report (repeatable)
  --var NAME=VALUE    accepted for compatibility; configuration does not change a report
steadystate options:
  --no-charts         tables instead of charts
  --log-format F      pretty | plain | json
`

/** `steadystate report`: journals in, one report out. Exit 0 when written, 1 if not, 2 for usage. */
export async function reportCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('report', args, OPTIONS)
  if (values.help === true) {
    io.stdout.write(REPORT_HELP)
    return EXIT_OK
  }
  const logFormat = chooseFormat(stringValue(values, 'log-format'), io.stderr, io.env)
  const logger = createLogger(logFormat, io.stderr)
  const output = positionals.at(-1)
  const journalPaths = positionals.slice(0, -1)
  if (output === undefined || journalPaths.length === 0) {
    logger.error(
      'steadystate report: expected JOURNAL... OUTPUT (at least one journal, then the report path)',
    )
    return EXIT_USAGE
  }
  if (output !== '-' && (await overwritesAJournal(output, journalPaths, io.cwd))) {
    logger.error(`steadystate report: the output ${output} is one of the journals; it would be overwritten`)
    return EXIT_USAGE
  }
  const requested = stringValue(values, 'export-format')
  const format = requested === undefined ? (formatFromPath(output) ?? 'md') : parseFormat(requested)
  if (format === undefined) {
    logger.error(`--export-format ${JSON.stringify(requested)} is not one of: ${REPORT_FORMATS.join(', ')}`)
    return EXIT_USAGE
  }
  if (output === '-' && format === 'pdf') {
    logger.error('steadystate report: a PDF cannot go to stdout ("-"); give a file name')
    return EXIT_USAGE
  }
  const journals: unknown[] = []
  for (const path of journalPaths) {
    try {
      const journal: unknown = JSON.parse(await readFile(resolve(io.cwd, path), 'utf8'))
      const tooDeep = nestingProblem(journal, 'it', MAX_JOURNAL_NESTING_DEPTH)
      if (tooDeep !== undefined) throw new Error(tooDeep)
      journals.push(journal)
    } catch (error) {
      logger.error(`cannot read journal ${path}: ${errorMessage(error)}`)
      return EXIT_FAILED
    }
  }
  const overrides = await loadOverrides(listValue(values, 'var-file'), [])
  const env = { ...io.env, ...overrides.env }
  const title = stringValue(values, 'title')
  logger.info(
    `rendering a ${format} report of ${journals.length} journal${journals.length === 1 ? '' : 's'} to ${output}…`,
  )
  const written = await writeReport(format, journals, output, io, logger, {
    env,
    values: [...collectSecretValues({ secrets: overrides.secrets }, { env }), ...overrides.sensitive],
    charts: values['no-charts'] !== true,
    signal: io.signal,
    ...(title === undefined ? {} : { title }),
  })
  return written === undefined ? EXIT_FAILED : EXIT_OK
}

/**
 * `run --report/--junit`: renders from the journal just written. A report that fails is reported
 * and nothing else: the journal is on disk already and the run's exit code stays what it was.
 * Returns the absolute paths written (`-` for stdout).
 */
export async function writeRunReports(
  journal: Journal,
  paths: { report: string | undefined; junit: string | undefined },
  io: ReportIO,
  logger: Logger,
  options: ReportOptions = {},
): Promise<{ report: string | undefined; junit: string | undefined }> {
  const written: { report: string | undefined; junit: string | undefined } = {
    report: undefined,
    junit: undefined,
  }
  // A signal that ended the run already must not stop its reports; one during them does.
  if (!io.signal.aborted) options = { ...options, signal: io.signal }
  if (paths.report !== undefined) {
    const format = formatFromPath(paths.report) ?? 'pdf'
    written.report = await writeReport(format, [journal], paths.report, io, logger, {
      ...options,
      env: io.env,
    })
  }
  if (paths.junit !== undefined)
    written.junit = await writeReport('junit', [journal], paths.junit, io, logger, {
      ...options,
      env: io.env,
    })
  return written
}

/** What writing a report needs from its host. */
type ReportIO = Pick<CommandIO, 'cwd' | 'env' | 'stdout' | 'signal' | 'temporaryFiles'>

/** Renders and writes one report; the path written (`-` for stdout), or undefined after an error. */
async function writeReport(
  format: ReportFormat,
  journals: unknown[],
  output: string,
  io: ReportIO,
  logger: Logger,
  options: ReportOptions,
): Promise<string | undefined> {
  try {
    const rendered = await renderReport(format, journals, options)
    for (const warning of rendered.warnings) logger.warn(`report: ${warning}`)
    if (output === '-') {
      // Standard output is usually a CI log: no line of the report may read as a command there.
      io.stdout.write(inertForLogs(rendered.content.toString('utf8')))
      return output
    }
    const path = resolve(io.cwd, output)
    // Atomically for a file (a pipeline never picks up half a PDF), in place for a device or pipe;
    // a forced exit removes the temporary file.
    await writeFileSafely(path, rendered.content, io.temporaryFiles)
    logger.info(`${format} report written to ${path}`)
    return path
  } catch (error) {
    const reason =
      options.signal?.aborted === true
        ? `interrupted (${String(options.signal.reason)})`
        : errorMessage(error)
    logger.error(`the ${format} report could not be written to ${output}: ${reason}`)
    return undefined
  }
}

async function overwritesAJournal(
  output: string,
  journals: readonly string[],
  cwd: string,
): Promise<boolean> {
  const real = (path: string): Promise<string> => realpath(resolve(cwd, path)).catch(() => resolve(cwd, path))
  const target = await real(output)
  for (const journal of journals) if ((await real(journal)) === target) return true
  return false
}

/** A document for a log: each line's CI markers broken (a zero-width space), nothing else changed. */
function inertForLogs(text: string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, index) => (index % 2 === 0 ? neutraliseMarkers(part) : part))
    .join('')
}
