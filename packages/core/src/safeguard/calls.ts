import { substitute, type SubstitutionScope } from '../config/substitution.ts'
import { buildRefIndex } from '../run/refs.ts'
import type { SafeguardCall } from './types.ts'

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

/**
 * Every `python` provider call of the experiment (hypothesis probes, method, rollbacks, refs
 * resolved), with its arguments substituted as the run will substitute them and its secret scopes
 * merged as the function will receive them: what a safeguard needs to know which targets a run
 * works on and how to reach them.
 */
export function collectCalls(experiment: Record<string, unknown>, scope: SubstitutionScope): SafeguardCall[] {
  const refs = buildRefIndex(experiment)
  const hypothesis = experiment['steady-state-hypothesis']
  const phases: [SafeguardCall['phase'], unknown[]][] = [
    ['hypothesis', isRecord(hypothesis) ? list(hypothesis.probes) : []],
    ['method', list(experiment.method)],
    ['rollbacks', list(experiment.rollbacks)],
  ]
  const calls: SafeguardCall[] = []
  for (const [phase, entries] of phases) {
    for (const entry of entries) {
      const activity = isRecord(entry) && typeof entry.ref === 'string' ? refs.get(entry.ref) : entry
      const call = isRecord(activity) ? toCall(phase, activity, scope) : undefined
      if (call !== undefined) calls.push(call)
    }
  }
  return calls
}

function toCall(
  phase: SafeguardCall['phase'],
  activity: Record<string, unknown>,
  scope: SubstitutionScope,
): SafeguardCall | undefined {
  const provider = activity.provider
  if (!isRecord(provider) || provider.type !== 'python') return undefined
  if (typeof provider.module !== 'string' || typeof provider.func !== 'string') return undefined
  const args = substitute(isRecord(provider.arguments) ? provider.arguments : {}, scope)
  const secrets: Record<string, unknown> = {}
  for (const name of list(provider.secrets))
    if (typeof name === 'string') Object.assign(secrets, scope.secrets[name] ?? {})
  return {
    phase,
    activity: typeof activity.name === 'string' ? activity.name : '(unnamed)',
    type: activity.type === 'action' ? 'action' : 'probe',
    module: provider.module,
    func: provider.func,
    arguments: isRecord(args) ? args : {},
    secrets,
  }
}
