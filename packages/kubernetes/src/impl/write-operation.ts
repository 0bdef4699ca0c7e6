import type { ModuleDryRunImpl, ModuleFunctionImpl } from '@steadystate/core'
import type { JsonValue } from '@steadystate/model'
import { k8s, withContext, type K8sContext } from './context.ts'

export type WriteVerb = 'create' | 'delete' | 'patch' | 'replace'

const PAST: Record<WriteVerb, string> = {
  create: 'created',
  delete: 'deleted',
  patch: 'patched',
  replace: 'replaced',
}

export interface WriteOutcome {
  output: JsonValue
  /** "NetworkChaos 'web-delay' in namespace 'shop' (…)", for the log and the dry run. */
  what: string
  /** Nothing was written (a create found the object there already, and said so). */
  unchanged?: boolean
}

/**
 * One write to the API, run for real or as the API server's dry run (`?dryRun=All`: validated,
 * authorised, admitted, but not stored), so `steadystate run --dry` says what would be written and
 * whether the API server would accept it.
 */
export type WriteOperation = (
  args: Record<string, unknown>,
  context: K8sContext,
  dryRun: boolean,
) => Promise<WriteOutcome>

/** The function and its dry-run description, from one operation. */
export function writeOperation(
  verb: WriteVerb,
  operation: WriteOperation,
): { run: ModuleFunctionImpl; dryRun: ModuleDryRunImpl } {
  return {
    run: k8s(async (args, context) => {
      const { output, what, unchanged } = await operation(args, context, false)
      if (unchanged !== true) context.log.info(`${PAST[verb]} ${what}`)
      return output
    }),
    dryRun: withContext(async (args, context) => {
      const { what } = await operation(args, context, true)
      return `would ${verb} ${what} (the API server accepted it in a dry run)`
    }),
  }
}
