import { errorMessage } from '../errors.ts'
import type { PreflightContext } from '../providers/modules.ts'
import type { RunState } from './run-state.ts'

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Every python provider the experiment declares (hypothesis, method, rollbacks, tolerance probes). */
function pythonProviders(experiment: Record<string, unknown>): Record<string, unknown>[] {
  const hypothesis = experiment['steady-state-hypothesis']
  const lists = [
    isRecord(hypothesis) && Array.isArray(hypothesis.probes) ? hypothesis.probes : [],
    Array.isArray(experiment.method) ? experiment.method : [],
    Array.isArray(experiment.rollbacks) ? experiment.rollbacks : [],
  ]
  const providers: Record<string, unknown>[] = []
  for (const activity of lists.flat() as unknown[]) {
    if (!isRecord(activity)) continue
    for (const provider of [
      activity.provider,
      isRecord(activity.tolerance) ? activity.tolerance.provider : undefined,
    ]) {
      if (isRecord(provider) && provider.type === 'python' && typeof provider.module === 'string')
        providers.push(provider)
    }
  }
  return providers
}

/**
 * Runs the pre-flight checks of the modules the experiment uses (once per distinct check), before
 * anything is executed. Returns the first failure, or undefined when all passed.
 */
export async function runPreflights(
  state: RunState,
  experiment: Record<string, unknown>,
): Promise<string | undefined> {
  const checks = new Map<
    (context: PreflightContext) => Promise<string>,
    { modules: Set<string>; secrets: Record<string, unknown> }
  >()
  for (const provider of pythonProviders(experiment)) {
    const definition = state.registry.modules.get(String(provider.module))
    if (definition?.preflight === undefined) continue
    const entry = checks.get(definition.preflight) ?? { modules: new Set<string>(), secrets: {} }
    entry.modules.add(definition.module)
    const scopes = Array.isArray(provider.secrets)
      ? provider.secrets.filter((scope): scope is string => typeof scope === 'string')
      : []
    for (const scope of scopes) Object.assign(entry.secrets, state.scope.secrets[scope] ?? {})
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
