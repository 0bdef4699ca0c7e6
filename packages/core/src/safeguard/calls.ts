import {
  activityName,
  entriesOf,
  hypothesisProbes,
  isJsonObject,
  isMalformed,
  type Activity,
  type ActivityEntry,
  type Experiment,
  type JsonObject,
} from '@steadystate/model'
import { substitute, type SubstitutionScope } from '../config/substitution.ts'
import { declaredScopeNames } from '../providers/python-native.ts'
import { buildRefIndex, resolveActivity } from '../run/refs.ts'
import type { SafeguardCall } from './types.ts'

/**
 * Every `python` provider call of the experiment (hypothesis probes, method, rollbacks, refs
 * resolved), with its arguments substituted as the run will substitute them and its secret scopes
 * merged as the function will receive them: what a safeguard needs to know which targets a run
 * works on and how to reach them.
 */
export function collectCalls(experiment: Experiment, scope: SubstitutionScope): SafeguardCall[] {
  const refs = buildRefIndex(experiment)
  const phases: [SafeguardCall['phase'], ActivityEntry[]][] = [
    ['hypothesis', hypothesisProbes(experiment.hypothesis)],
    ['method', entriesOf(experiment.method)],
    ['rollbacks', entriesOf(experiment.rollbacks)],
  ]
  const calls: SafeguardCall[] = []
  for (const [phase, entries] of phases) {
    for (const entry of entries) {
      const activity = resolveActivity(refs, entry)
      const call = activity === undefined ? undefined : toCall(phase, activity, scope)
      if (call !== undefined) calls.push(call)
    }
  }
  return calls
}

function toCall(
  phase: SafeguardCall['phase'],
  activity: Activity,
  scope: SubstitutionScope,
): SafeguardCall | undefined {
  const provider = activity.provider
  if (isMalformed(provider) || provider.kind !== 'python') return undefined
  if (isMalformed(provider.module) || isMalformed(provider.func)) return undefined
  const given = provider.arguments === undefined || isMalformed(provider.arguments) ? {} : provider.arguments
  const args = substitute(given, scope)
  const secrets: JsonObject = {}
  for (const name of declaredScopeNames(provider.secrets) ?? [])
    Object.assign(secrets, scope.secrets[name] ?? {})
  return {
    phase,
    activity: activityName(activity),
    type: activity.type === 'action' ? 'action' : 'probe',
    module: provider.module,
    func: provider.func,
    arguments: isJsonObject(args) ? args : {},
    secrets,
  }
}
