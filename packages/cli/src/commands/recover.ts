import { SteadystateError } from '@steadystate/core'
import { parseCommandArgs, stringValue, type OptionSpec } from '../args.ts'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes.ts'
import { chooseFormat, createLogger } from '../output/logger.ts'
import { recoverJob, type RecoverJobResult } from '../recover-job.ts'
import { readRollbackSource, ROLLBACK_SOURCE_OPTIONS } from './rollback-options.ts'
import type { CommandIO } from './run.ts'

const OPTIONS: OptionSpec = {
  namespace: { type: 'string', short: 'n' },
  'all-namespaces': { type: 'boolean', short: 'A' },
  dry: { type: 'boolean' },
  'journal-dir': { type: 'string' },
  ...ROLLBACK_SOURCE_OPTIONS,
}

export const RECOVER_HELP = `Usage: steadystate recover [options]

Finds the records of pending rollbacks that Kubernetes runs keep in the cluster (ConfigMaps
labelled app.kubernetes.io/managed-by=steadystate) and plays the rollbacks of abandoned runs: those
whose lock is free or expired (the run is gone, with its runner), whose record expired, or whose
recovery failed. Live runs are left alone. Each recovery is \`steadystate rollback\` on the run's
journal, taken from its record and written to --journal-dir; the record is deleted once every
rollback succeeded.
Exit code: 0 every abandoned run was rolled back (or there was none), 1 a rollback failed or could
not start (or the records could not be listed), 2 a usage error, or rollbacks that need values the
record redacted (it names them: give --experiment or --var-file).

Options:
  --namespace NS, -n NS      look in NS (default: the kubeconfig context's namespace, in a pod its own)
  --all-namespaces, -A       look in every namespace (needs list on configmaps cluster-wide)
  --dry                      list the records and what would be played; change nothing
  --experiment FILE|URL      the experiment that ran, when its rollbacks use secrets the record
                             redacted (for the records of that experiment; others use their own copy)
  --var NAME[:TYPE]=VALUE    --var-file FILE     as for run (configuration and secrets)
  --journal-dir DIR          where the recoveries' journals go, <record>.json (default: .)
  --rollback-timeout SECS    deadline for the rollbacks of each run (default: 300)
  --by TEXT                  who plays them, for the journals (default: steadystate recover on HOST)
  --no-verify-tls  --no-validation  --log-format pretty|plain|json
`

/** `steadystate recover`: see RECOVER_HELP. */
export async function recoverCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('recover', args, OPTIONS)
  if (values.help === true) {
    io.stdout.write(RECOVER_HELP)
    return EXIT_OK
  }
  const format = chooseFormat(stringValue(values, 'log-format'), io.stderr, io.env)
  const logger = createLogger(format, format === 'json' ? io.stdout : io.stderr)
  if (positionals.length > 0)
    throw new SteadystateError('USAGE', `steadystate recover: unexpected argument ${positionals.join(' ')}`, {
      hint: 'see `steadystate recover --help`',
    })
  const namespace = stringValue(values, 'namespace')
  if (namespace !== undefined && values['all-namespaces'] === true)
    throw new SteadystateError(
      'USAGE',
      'steadystate recover: --namespace and --all-namespaces contradict each other',
    )
  const result = await recoverJob({
    namespace,
    allNamespaces: values['all-namespaces'] === true,
    dry: values.dry === true,
    ...readRollbackSource(values),
    journalDir: stringValue(values, 'journal-dir') ?? '.',
    io,
    logger,
  })
  return exitCode(result)
}

/** As `rollback`'s: a failure outranks what was missing, which outranks success. */
export function exitCode(result: RecoverJobResult): number {
  if (result.problem !== undefined) return EXIT_FAILED
  if (result.usage !== undefined) return EXIT_USAGE
  const outcomes = result.outcomes.map((entry) => entry.outcome)
  if (outcomes.includes('failed')) return EXIT_FAILED
  if (outcomes.includes('lacking')) return EXIT_USAGE
  return EXIT_OK
}
