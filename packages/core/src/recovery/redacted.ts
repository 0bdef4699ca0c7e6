import { isMalformed, type JsonValue } from '@steadystate/model'
import type { RunInputs } from '../config/inputs.ts'
import { lookup, type SubstitutionScope } from '../config/substitution.ts'
import { experimentOf, type ExperimentInput } from '../experiment/normalize.ts'
import { REDACTED } from '../journal/redact.ts'
import { declaredScopeNames } from '../providers/python-native.ts'
import { buildRefIndex, resolveActivity } from '../run/refs.ts'
import type { PendingRollback } from './plan.ts'

const REFERENCE = /\$\{([_A-Za-z][_A-Za-z0-9]*)\}|\$([_A-Za-z][_A-Za-z0-9]*)/g

/**
 * The values the journal redacted (`***`) that these rollbacks would use, once configuration and
 * secrets are resolved as `run` resolves them (`--var`, `--var-file`, the environment: `inputs`):
 * a secret written inline in the experiment, a configuration value equal to a secret, or the
 * rollback's own text. Empty when the journal's experiment is enough to play them.
 */
export function redactedValuesNeeded(
  input: ExperimentInput,
  rollbacks: readonly PendingRollback[],
  inputs: RunInputs,
): string[] {
  const experiment = experimentOf(input)
  const scope: SubstitutionScope = {
    configuration: inputs.configuration.values,
    secrets: inputs.secrets.values,
  }
  const refs = buildRefIndex(experiment)
  const needed = new Set<string>()
  for (const { entry, name } of rollbacks) {
    const activity = resolveActivity(refs, entry)
    if (activity === undefined) continue
    const text = JSON.stringify(activity.source)
    if (text.includes(REDACTED)) needed.add(`the text of rollback '${name}'`)
    for (const match of text.matchAll(REFERENCE)) {
      const key = match[1] ?? match[2] ?? ''
      const hit = lookup(scope, key)
      if (hit.found && redacted(hit.value)) needed.add(whereIs(scope, key))
    }
    const provider = activity.provider
    const scopes =
      isMalformed(provider) || provider.kind !== 'python' ? [] : (declaredScopeNames(provider.secrets) ?? [])
    for (const scopeName of scopes) {
      for (const [key, value] of Object.entries(scope.secrets[scopeName] ?? {}))
        if (redacted(value)) needed.add(`secrets.${scopeName}.${key}`)
    }
  }
  return [...needed]
}

function redacted(value: JsonValue): boolean {
  return JSON.stringify(value).includes(REDACTED)
}

function whereIs(scope: SubstitutionScope, key: string): string {
  if (Object.hasOwn(scope.configuration, key)) return `configuration.${key}`
  const secretScope = Object.entries(scope.secrets).find(([, values]) => Object.hasOwn(values, key))
  return secretScope === undefined ? key : `secrets.${secretScope[0]}.${key}`
}
