import { parseCommandArgs, stringValue, type OptionSpec } from '../args.ts'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes.ts'
import { chooseFormat, createLogger } from '../output/logger.ts'
import { rollbackJob } from '../rollback-job.ts'
import { readRollbackSource, ROLLBACK_SOURCE_OPTIONS } from './rollback-options.ts'
import type { CommandIO } from './run.ts'

const OPTIONS: OptionSpec = {
  ...ROLLBACK_SOURCE_OPTIONS,
  'if-pending': { type: 'boolean' },
}

export const ROLLBACK_HELP = `Usage: steadystate rollback [options] JOURNAL

Plays the rollbacks of a run that did not finish (killed: its journal says "running") or that
exited before its rollbacks had all run, appends them to the journal and rewrites it: status
"interrupted", with steadystate.recovered saying when and by what. Rollbacks that had succeeded
are not played again; the one in progress, failed ones and those not reached are. Safe to call
twice: the second call finds nothing pending.
Exit code: 0 every rollback succeeded, 1 one failed or they could not start, 2 a usage error, a
journal with nothing pending, or rollbacks that need values the journal redacted.

Options:
  --experiment FILE|URL      take the rollbacks from this experiment, not the journal's copy
                             (needed when they use secrets the journal redacted)
  --var NAME[:TYPE]=VALUE    --var-file FILE     as for run (configuration and secrets)
  --rollback-timeout SECS    deadline for all rollbacks (default: 300)
  --by TEXT                  who plays them, for the journal (default: steadystate rollback on HOST)
  --if-pending               exit 0, not 2, when nothing is pending (to call it after every run)
  --no-verify-tls  --no-validation  --log-format pretty|plain|json
`

/** `steadystate rollback JOURNAL`: see ROLLBACK_HELP. */
export async function rollbackCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('rollback', args, OPTIONS)
  if (values.help === true) {
    io.stdout.write(ROLLBACK_HELP)
    return EXIT_OK
  }
  const format = chooseFormat(stringValue(values, 'log-format'), io.stderr, io.env)
  const logger = createLogger(format, format === 'json' ? io.stdout : io.stderr)
  const [journalPath, ...extra] = positionals
  if (journalPath === undefined || extra.length > 0) {
    logger.error('steadystate rollback: expected one JOURNAL (the journal of the run to roll back)')
    return EXIT_USAGE
  }
  const result = await rollbackJob({
    journalPath,
    ...readRollbackSource(values),
    io,
    logger,
  })
  switch (result.outcome) {
    case 'usage':
      return EXIT_USAGE
    case 'nothing-pending':
      if (values['if-pending'] === true) {
        logger.info(result.message)
        return EXIT_OK
      }
      logger.error(result.message)
      return EXIT_USAGE
    case 'not-run':
      return EXIT_FAILED
    case 'rolled-back':
      return result.failed === 0 && result.journalWritten ? EXIT_OK : EXIT_FAILED
  }
}
