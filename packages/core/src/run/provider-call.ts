import {
  isMalformed,
  type ActivityType,
  type JsonObject,
  type Malformed,
  type Provider,
} from '@steadystate/model'
import { isEmptyScope, substitute, type SubstitutionScope } from '../config/substitution.ts'
import { normalizeProvider } from '../experiment/normalize-provider.ts'
import { valueText } from '../text/value-text.ts'
import type { ActivityLog, ProviderContext } from '../providers/types.ts'
import { deferTo, type RunState } from './run-state.ts'

/** Provider fields the reference never substitutes. */
const VERBATIM_PROVIDER_FIELDS = new Set([
  'type',
  'module',
  'func',
  'path',
  'method',
  'verify_tls',
  'secrets',
])

/**
 * Substitutes `${…}` where the reference does (everything but a few verbatim provider fields), and
 * types the result again: what a provider runs. Substituted at each call, because dynamic
 * configuration may change the values between two activities. Every provider type of the reference
 * substitutes its `arguments` only when the run has configuration or secrets, so without them
 * `$$` stays `$$` there (`sh -c "kill -9 $$"` keeps its meaning); other fields always are.
 */
export function substituteProvider(provider: Provider, scope: SubstitutionScope): Provider {
  const out: JsonObject = {}
  const argumentsVerbatim = isEmptyScope(scope)
  for (const [key, value] of Object.entries(provider.source)) {
    const verbatim =
      VERBATIM_PROVIDER_FIELDS.has(key) ||
      (key === 'timeout' && provider.kind === 'process') ||
      (key === 'arguments' && argumentsVerbatim)
    out[key] = verbatim ? value : substitute(value, scope)
  }
  return normalizeProvider(out)
}

/** A provider's type as messages show it (`undefined` when it has none, as the engine always said). */
export function providerTypeText(provider: Provider | Malformed): string {
  if (isMalformed(provider)) return 'undefined'
  return isMalformed(provider.type) ? valueText(provider.type.value) : provider.type
}

/** What one call of a provider sees: the run's values, and the call's own name, signal and hooks. */
export interface CallOptions {
  name: string
  type: ActivityType
  /** @default the run's interruption signal */
  signal?: AbortSignal
  /** @default nothing is logged */
  log?: ActivityLog
  /** @default measurements are dropped */
  measure?: ProviderContext['measure']
  /** @default background work goes to the run's (awaited before the final journal) */
  defer?: ProviderContext['defer']
}

/** The context of one provider call (an activity, a tolerance probe, a dynamic configuration value). */
export function providerContext(state: RunState, call: CallOptions): ProviderContext {
  return {
    activityName: call.name,
    activityType: call.type,
    configuration: state.scope.configuration,
    secrets: state.scope.secrets,
    env: state.env,
    cwd: state.cwd,
    signal: call.signal ?? state.interrupt,
    log: call.log ?? { info: () => undefined, warn: () => undefined },
    measure: call.measure ?? (() => undefined),
    defer: call.defer ?? deferTo(state),
    resources: state.registry.resources,
  }
}
