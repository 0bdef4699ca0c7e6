import { renameSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  loadExperiment,
  loadOverrides,
  jobShouldFail,
  notRunJournal,
  SteadystateError,
  runExperiment,
  writeJournal,
  type Environment,
} from '@steadystate/core'
import { DRY_RUN_MODES, HYPOTHESIS_STRATEGIES, ROLLBACK_STRATEGIES, type Journal } from '@steadystate/model'
import {
  choice,
  listValue,
  parseCommandArgs,
  positiveNumber,
  stringValue,
  type OptionSpec,
  type ParsedArgs,
} from '../args.ts'
import { exitCodeFor, EXIT_FAILED, EXIT_USAGE } from '../exit-codes.ts'
import { chooseFormat, createLogger, type LogTarget, type Logger } from '../output/logger.ts'
import { createRegistry } from '../registry.ts'
import { VERSION } from '../version.ts'

export const RUN_OPTIONS: OptionSpec = {
  'journal-path': { type: 'string' },
  dry: { type: 'string' },
  'no-validation': { type: 'boolean' },
  'no-verify-tls': { type: 'boolean' },
  'rollback-strategy': { type: 'string' },
  'hypothesis-strategy': { type: 'string' },
  'hypothesis-frequency': { type: 'string' },
  'fail-fast': { type: 'boolean' },
  'fail-on-deviation': { type: 'boolean' },
  var: { type: 'string', multiple: true },
  'var-file': { type: 'string', multiple: true },
  'control-file': { type: 'string', multiple: true },
  'rollback-timeout': { type: 'string' },
  'log-format': { type: 'string' },
  report: { type: 'string' },
  junit: { type: 'string' },
}

export const RUN_HELP = `Usage: steadystate run [options] EXPERIMENT

Runs a Chaos Toolkit experiment (JSON or YAML file, or http(s) URL) and writes its journal.
Exit code: 0 when completed and not deviated, 1 otherwise, 2 for usage errors.

Options (as chaos run):
  --journal-path PATH           where to write the journal (default: journal.json)
  --dry MODE                    probes | actions | activities | pause
  --no-validation               run without validating first
  --rollback-strategy S         default | always | never | deviated
  --hypothesis-strategy S       default | before-method-only | after-method-only |
                                during-method-only | continuously
  --hypothesis-frequency SECS   seconds between checks during the method (default: 1)
  --fail-fast                   stop the method when the steady state deviates during it
  --fail-on-deviation           exit 1 also when the verdict is deviated, not-tested or incomplete
                                (what the CI adapters do by default; chaos run exits 0 for the last two)
  --var NAME[:TYPE]=VALUE       override a configuration value (repeatable)
  --var-file FILE               JSON/YAML {configuration, secrets} or .env file (repeatable)
steadystate options:
  --rollback-timeout SECS       deadline for all rollbacks (default: 300)
  --log-format F                pretty | plain | json (default: pretty on a terminal, plain otherwise)
  --report PATH                 also write a report of the journal (.pdf, .md or .html by extension)
  --junit PATH                  also write JUnit XML of the journal (one test case per probe/activity)
`

export interface CommandIO {
  stdout: LogTarget
  stderr: LogTarget
  env: Environment
  cwd: string
  /** Aborted when the user interrupts (SIGINT/SIGTERM). */
  signal: AbortSignal
  /** Registers what to do before a forced exit (a third signal): write the last journal checkpoint. */
  onForcedExit?: (flush: () => void) => void
}

/** `steadystate run`: loads, validates, runs, writes the journal (always), returns the exit code. */
export async function runCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('run', args, RUN_OPTIONS)
  if (values.help === true) {
    io.stdout.write(RUN_HELP)
    return 0
  }
  const format = chooseFormat(stringValue(values, 'log-format'), io.stderr, io.env)
  const logger = createLogger(format, format === 'json' ? io.stdout : io.stderr)
  const source = positionals[0]
  if (source === undefined || positionals.length > 1) {
    logger.error(
      source === undefined
        ? 'steadystate run: missing EXPERIMENT (a path or URL)'
        : `steadystate run: expected one experiment, got ${positionals.length}: ${positionals.join(' ')}`,
    )
    return EXIT_USAGE
  }
  const journalPath = resolve(io.cwd, stringValue(values, 'journal-path') ?? 'journal.json')
  const options = {
    dry: choice('dry', stringValue(values, 'dry'), DRY_RUN_MODES),
    rollbackStrategy: choice(
      'rollback-strategy',
      stringValue(values, 'rollback-strategy'),
      ROLLBACK_STRATEGIES,
    ),
    hypothesisStrategy: choice(
      'hypothesis-strategy',
      stringValue(values, 'hypothesis-strategy'),
      HYPOTHESIS_STRATEGIES,
    ),
    hypothesisFrequency: positiveNumber('hypothesis-frequency', stringValue(values, 'hypothesis-frequency')),
    rollbackTimeoutSeconds: positiveNumber('rollback-timeout', stringValue(values, 'rollback-timeout')),
  }
  if (listValue(values, 'control-file').length > 0) {
    logger.warn(
      '--control-file: Chaos Toolkit controls are Python hooks, which steadystate does not run; ignoring them',
    )
  }
  const overrides = await loadOverrides(listValue(values, 'var-file'), listValue(values, 'var'))

  let loaded
  try {
    loaded = await loadExperiment(source, {
      verifyTls: values['no-verify-tls'] !== true,
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
    await writeReports(journal, values, io, logger)
    return EXIT_FAILED
  }

  const checkpoints = new JournalCheckpoints(journalPath)
  io.onForcedExit?.(() => {
    checkpoints.writeNow()
  })
  const result = await runExperiment(loaded.experiment, {
    source,
    registry: createRegistry(),
    env: io.env,
    cwd: io.cwd,
    version: VERSION,
    overrides,
    ...definedOnly(options),
    failFast: values['fail-fast'] === true,
    skipValidation: values['no-validation'] === true,
    signal: io.signal,
    onEvent: (event) => logger.event(event),
    onCheckpoint: (journal) => checkpoints.save(journal),
  })
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
  await writeReports(result.journal, values, io, logger)
  if (values['fail-on-deviation'] === true && jobShouldFail(result.journal, true).fail) return EXIT_FAILED
  return exitCodeFor(result.journal)
}

/** `--report`/`--junit`, after the journal is safely written; the report code loads only if asked. */
async function writeReports(journal: Journal, values: ParsedArgs['values'], io: CommandIO, logger: Logger) {
  const paths = { report: stringValue(values, 'report'), junit: stringValue(values, 'junit') }
  if (paths.report === undefined && paths.junit === undefined) return
  try {
    await (await import('./report.ts')).writeRunReports(journal, paths, io, logger)
  } catch (error) {
    logger.error(`the report could not be written: ${(error as Error).message}`)
  }
}

function definedOnly<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>
  }
}

/**
 * Writes checkpoints one at a time (latest wins), so a run killed after an interruption still leaves
 * a journal behind; `writeNow` is the synchronous last resort before a forced exit.
 */
export class JournalCheckpoints {
  private latest: Journal | undefined
  private writing: Promise<void> = Promise.resolve()
  private pending = false

  constructor(private readonly path: string) {}

  save(journal: Journal): void {
    this.latest = journal
    if (this.pending) return
    this.pending = true
    this.writing = this.writing.then(async () => {
      this.pending = false
      if (this.latest !== undefined) await writeJournal(this.path, this.latest).catch(() => undefined)
    })
  }

  flush(): Promise<void> {
    return this.writing
  }

  writeNow(): void {
    if (this.latest === undefined) return
    const temporary = `${this.path}.${process.pid}.forced.tmp`
    writeFileSync(temporary, `${JSON.stringify(this.latest, null, 2)}\n`)
    renameSync(temporary, this.path)
  }
}
