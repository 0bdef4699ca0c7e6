import { resolve } from 'node:path'
import { jobShouldFail, type Environment } from '@steadystate/core'
import { DRY_RUN_MODES, HYPOTHESIS_STRATEGIES, ROLLBACK_STRATEGIES } from '@steadystate/model'
import { choice, listValue, parseCommandArgs, positiveNumber, stringValue, type OptionSpec } from '../args.ts'
import { exitCodeFor, EXIT_FAILED, EXIT_USAGE } from '../exit-codes.ts'
import { chooseFormat, createLogger, type LogTarget } from '../output/logger.ts'
import { runJob } from '../run-job.ts'

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

Environment:
  STEADYSTATE_MAX_EXPERIMENT_BYTES   largest experiment read, in bytes (default 10 MiB)
`

export interface CommandIO {
  stdout: LogTarget
  stderr: LogTarget
  env: Environment
  cwd: string
  /** Aborted when the user interrupts (SIGINT/SIGTERM). */
  signal: AbortSignal
  /**
   * Registers what to do before a forced exit (a third signal): write the last journal checkpoint
   * and return its path (undefined when there was none to write).
   */
  onForcedExit?: (flush: () => string | undefined) => void
  /** Temporary files being written; the CLI removes them if a signal ends the process first. */
  temporaryFiles?: Set<string>
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
  const { journal } = await runJob({
    source,
    journalPath,
    reportPath: stringValue(values, 'report'),
    junitPath: stringValue(values, 'junit'),
    varFiles: listValue(values, 'var-file'),
    vars: listValue(values, 'var'),
    verifyTls: values['no-verify-tls'] !== true,
    engine: {
      ...options,
      failFast: values['fail-fast'] === true,
      skipValidation: values['no-validation'] === true,
    },
    io,
    logger,
  })
  if (values['fail-on-deviation'] === true && jobShouldFail(journal, true).fail) return EXIT_FAILED
  return exitCodeFor(journal)
}
