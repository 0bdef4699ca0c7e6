import { listValue, positiveNumber, stringValue, type OptionSpec, type ParsedArgs } from '../args.ts'

/**
 * The options `rollback` and `recover` share: where the rollbacks come from, the values they need
 * (secrets are redacted in journals and records, so they are resolved again as `run` resolves them),
 * their deadline and who plays them.
 */
export const ROLLBACK_SOURCE_OPTIONS: OptionSpec = {
  experiment: { type: 'string' },
  var: { type: 'string', multiple: true },
  'var-file': { type: 'string', multiple: true },
  'no-verify-tls': { type: 'boolean' },
  'no-validation': { type: 'boolean' },
  'rollback-timeout': { type: 'string' },
  by: { type: 'string' },
  'log-format': { type: 'string' },
}

export interface RollbackSourceValues {
  experiment: string | undefined
  varFiles: string[]
  vars: string[]
  verifyTls: boolean
  skipValidation: boolean
  rollbackTimeoutSeconds: number | undefined
  by: string | undefined
}

/** Reads ROLLBACK_SOURCE_OPTIONS from parsed arguments (a bad --rollback-timeout is a usage error). */
export function readRollbackSource(values: ParsedArgs['values']): RollbackSourceValues {
  return {
    experiment: stringValue(values, 'experiment'),
    varFiles: listValue(values, 'var-file'),
    vars: listValue(values, 'var'),
    verifyTls: values['no-verify-tls'] !== true,
    skipValidation: values['no-validation'] === true,
    rollbackTimeoutSeconds: positiveNumber('rollback-timeout', stringValue(values, 'rollback-timeout')),
    by: stringValue(values, 'by'),
  }
}
