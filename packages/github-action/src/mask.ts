import { setSecret } from '@actions/core'
import { maskerForms } from '@steadystate/core'

/**
 * Registers every secret value with the runner (`::add-mask::`), so it is shown as *** in this job's
 * logs and annotations from now on, in every form a program may print it (JSON-escaped,
 * percent-encoded, base64, each line of a multi-line value: see `maskerForms`). The engine masks
 * them too; this also covers what the runner shows besides the action's output. Values too short
 * or too common to mask inside text are left to the engine, which masks them as whole values only:
 * the runner would blank every occurrence.
 */
export function maskSecrets(values: readonly string[]): void {
  for (const form of new Set(values.flatMap(maskerForms))) setSecret(form)
}
