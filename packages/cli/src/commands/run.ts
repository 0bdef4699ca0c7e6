import { parseArgs } from 'node:util'
import { SteadystateError, type Environment } from '@steadystate/core'
import {
  DRY_RUN_MODES,
  DEPRECATED_HYPOTHESIS_STRATEGIES,
  HYPOTHESIS_STRATEGIES,
  journalVerdict,
  ROLLBACK_STRATEGIES,
} from '@steadystate/model'
import { choice, listValue, parseCommandArgs, positiveNumber, stringValue, type OptionSpec } from '../args.ts'
import { CLUSTER_HELP, CLUSTER_OPTIONS, readClusterOptions } from '../cluster-options.ts'
import { exitCodeFor, EXIT_USAGE, type ExitPolicy } from '../exit-codes.ts'
import { CI_SYSTEMS, createMaskRegistrar, detectCi } from '../output/ci-masks.ts'
import { chooseFormat, createLogger, type LogTarget } from '../output/logger.ts'
import { runJob, type RunJobOptions } from '../run-job.ts'

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
  'no-fail-on-deviation': { type: 'boolean' },
  var: { type: 'string', multiple: true },
  'var-file': { type: 'string', multiple: true },
  'control-file': { type: 'string', multiple: true },
  settings: { type: 'string' },
  'skip-unknown-controls': { type: 'boolean' },
  'rollback-timeout': { type: 'string' },
  'log-format': { type: 'string' },
  ci: { type: 'string' },
  report: { type: 'string' },
  junit: { type: 'string' },
  ...CLUSTER_OPTIONS,
}

export const RUN_HELP = `Usage: steadystate run [options] EXPERIMENT

Runs a Chaos Toolkit experiment (JSON or YAML file, or http(s) URL) and writes its journal.
Exit code: 0 when completed and not deviated, 1 otherwise, 2 for usage errors or a journal path
that cannot be written (checked before anything runs).

Options (as chaos run):
  --journal-path PATH           where to write the journal (default: journal.json)
  --dry MODE                    probes | actions | activities | pause
  --no-validation               run without validating first
  --rollback-strategy S         default | always | never | deviated
  --hypothesis-strategy S       default | before-method-only | after-method-only |
                                during-method-only | continuously
  --hypothesis-frequency SECS   seconds between checks during the method (default: 1)
  --fail-fast                   stop the method when the steady state deviates during it
  --fail-on-deviation           the exit code is the job's result: 0 only when the steady state held;
                                1 also when it is not-tested or incomplete (chaos run exits 0 there)
  --no-fail-on-deviation        the job's result, letting deviated, not-tested and incomplete pass;
                                failed, aborted, interrupted and unfinished runs still exit 1
  --var NAME[:TYPE]=VALUE       override a configuration value (repeatable)
  --var-file FILE               JSON/YAML {configuration, secrets} or .env file (repeatable)
  --control-file FILE           global controls (a mapping of names to controls; repeatable)
  --settings FILE               Chaos Toolkit settings: its controls and http notifications
                                (default: ~/.chaostoolkit/settings.yaml when it exists; also
                                accepted before the command, as chaos --settings FILE run)
steadystate options:
  --skip-unknown-controls       run without the controls steadystate cannot honour (each is a
                                warning in the log, journal and report) instead of refusing the run
  --rollback-timeout SECS       deadline for all rollbacks (default: 300)
  --log-format F                pretty | plain | json (default: pretty on a terminal, plain otherwise)
  --ci SYSTEM                   github | gitlab | octopus | none: register the secrets' forms with
                                that CI system's log masking (default: from GITHUB_ACTIONS, GITLAB_CI)
  --report PATH                 also write a report of the journal (.pdf, .md or .html by extension)
  --junit PATH                  also write JUnit XML of the journal (one test case per probe/activity)

${CLUSTER_HELP}
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
  /** The global `--settings FILE` (before the command), as `chaos --settings FILE run` takes it. */
  settingsPath?: string
}

/** `steadystate run`: loads, validates, runs, writes the journal (always), returns the exit code. */
export async function runCommand(args: string[], io: CommandIO): Promise<number> {
  let settings: RunSettings | 'help'
  try {
    settings = readRunSettings(args, io)
  } catch (error) {
    if (!(error instanceof SteadystateError && error.code === 'USAGE')) throw error
    // A wrong flag still leaves a journal (status aborted, the usage error in it), so a pipeline
    // that publishes journal.json always finds one: read what can be read, with the same parser.
    const lenient = parseArgs({ args, options: RUN_OPTIONS, strict: false, allowPositionals: true })
    const journalPath = lenient.values['journal-path']
    await runJob({
      source: lenient.positionals[0] ?? '(unknown experiment)',
      journalPath: typeof journalPath === 'string' ? journalPath : 'journal.json',
      varFiles: [],
      vars: [],
      engine: {},
      io,
      logger: createLogger(chooseFormat(undefined, io.stderr, io.env), io.stderr),
      refusal: error.hint === undefined ? error.message : `${error.message} (${error.hint})`,
    })
    return EXIT_USAGE
  }
  if (settings === 'help') {
    io.stdout.write(RUN_HELP)
    return 0
  }
  const result = await runJob(settings.job)
  if (result.refused !== undefined) return EXIT_USAGE
  const code = exitCodeFor(result.journal, settings.policy)
  const verdict = journalVerdict(result.journal).kind
  if (settings.policy === 'tolerate-deviation' && code === 0 && verdict !== 'held')
    settings.job.logger.warn(`verdict ${verdict}: exit code 0, because --no-fail-on-deviation lets it pass`)
  return code
}

interface RunSettings {
  job: RunJobOptions
  policy: ExitPolicy
}

/** The flags, checked: every wrong one is a usage error naming it. */
function readRunSettings(args: string[], io: CommandIO): RunSettings | 'help' {
  const { values, positionals } = parseCommandArgs('run', args, RUN_OPTIONS)
  if (values.help === true) return 'help'
  const format = chooseFormat(stringValue(values, 'log-format'), io.stderr, io.env)
  const logger = createLogger(format, format === 'json' ? io.stdout : io.stderr)
  const source = positionals[0]
  if (source === undefined || positionals.length > 1) {
    throw new SteadystateError(
      'USAGE',
      source === undefined
        ? 'steadystate run: missing EXPERIMENT (a path or URL)'
        : `steadystate run: expected one experiment, got ${positionals.length}: ${positionals.join(' ')}`,
    )
  }
  if (values['fail-on-deviation'] === true && values['no-fail-on-deviation'] === true)
    throw new SteadystateError(
      'USAGE',
      '--fail-on-deviation and --no-fail-on-deviation contradict each other',
    )
  const ci = detectCi(choice('ci', stringValue(values, 'ci'), CI_SYSTEMS), io.env)
  // Registrations are commands to the CI system: on stdout, unless the JSON log has it.
  const registerMasks = createMaskRegistrar(ci, (text) =>
    (format === 'json' ? io.stderr : io.stdout).write(text),
  )
  const engine = {
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
      // The reference's old spelling: accepted, and the run warns about it.
      DEPRECATED_HYPOTHESIS_STRATEGIES,
    ),
    hypothesisFrequency: positiveNumber('hypothesis-frequency', stringValue(values, 'hypothesis-frequency')),
    rollbackTimeoutSeconds: positiveNumber('rollback-timeout', stringValue(values, 'rollback-timeout')),
    failFast: values['fail-fast'] === true,
    skipValidation: values['no-validation'] === true,
    skipUnknownControls: values['skip-unknown-controls'] === true,
  }
  return {
    policy:
      values['fail-on-deviation'] === true
        ? 'fail-on-deviation'
        : values['no-fail-on-deviation'] === true
          ? 'tolerate-deviation'
          : 'chaos',
    job: {
      source,
      journalPath: stringValue(values, 'journal-path') ?? 'journal.json',
      reportPath: stringValue(values, 'report'),
      junitPath: stringValue(values, 'junit'),
      varFiles: listValue(values, 'var-file'),
      vars: listValue(values, 'var'),
      controlFiles: listValue(values, 'control-file'),
      settingsPath: stringValue(values, 'settings') ?? io.settingsPath,
      verifyTls: values['no-verify-tls'] !== true,
      engine,
      cluster: readClusterOptions(values),
      io,
      logger,
      onSecrets: registerMasks,
    },
  }
}
