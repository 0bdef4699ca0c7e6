import {
  entriesOf,
  hypothesisProbes,
  isJsonObject,
  isMalformed,
  type Experiment,
  type JsonObject,
  type PythonProvider,
} from '@steadystate/model'
import { errorMessage } from '../errors.ts'
import { providerOf } from '../experiment/normalize-provider.ts'
import type { PreflightContext } from '../providers/modules.ts'
import { declaredScopeNames } from '../providers/python-native.ts'
import type { RunState } from './run-state.ts'

/** Every python provider the experiment declares (hypothesis, method, rollbacks, tolerance probes). */
function pythonProviders(experiment: Experiment): { module: string; provider: PythonProvider }[] {
  const entries = [
    ...hypothesisProbes(experiment.hypothesis),
    ...entriesOf(experiment.method),
    ...entriesOf(experiment.rollbacks),
  ]
  const providers: { module: string; provider: PythonProvider }[] = []
  for (const activity of entries) {
    if (activity.kind !== 'activity') continue
    const tolerance = activity.tolerance?.value
    for (const provider of [
      activity.provider,
      isJsonObject(tolerance) ? providerOf(tolerance.provider) : undefined,
    ]) {
      if (provider === undefined || isMalformed(provider) || provider.kind !== 'python') continue
      if (!isMalformed(provider.module)) providers.push({ module: provider.module, provider })
    }
  }
  return providers
}

/**
 * Runs the pre-flight checks of the modules the experiment uses (once per distinct check), before
 * anything is executed. Returns the first failure, or undefined when all passed.
 */
export async function runPreflights(state: RunState, experiment: Experiment): Promise<string | undefined> {
  const checks = new Map<
    (context: PreflightContext) => Promise<string>,
    { modules: Set<string>; secrets: JsonObject }
  >()
  for (const { module, provider } of pythonProviders(experiment)) {
    const definition = state.registry.modules.get(module)
    if (definition?.preflight === undefined) continue
    const entry = checks.get(definition.preflight) ?? { modules: new Set<string>(), secrets: {} }
    entry.modules.add(definition.module)
    for (const scope of declaredScopeNames(provider.secrets) ?? [])
      Object.assign(entry.secrets, state.scope.secrets[scope] ?? {})
    checks.set(definition.preflight, entry)
  }
  for (const [check, { modules, secrets }] of checks) {
    const names = [...modules].join(', ')
    try {
      const line = await check({ env: state.env, secrets, signal: state.interrupt })
      state.emit({ type: 'info', message: `${names}: ${line}` })
    } catch (error) {
      return `${names}: ${errorMessage(error)}`
    }
  }
  return undefined
}
