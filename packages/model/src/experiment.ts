/**
 * The Chaos Toolkit experiment format, as users write it (JSON or YAML).
 * Keys mirror the wire format exactly so there is no mapping layer; see
 * docs/chaos-toolkit.md §1. Values are `unknown` where the format allows anything.
 */

export type JsonPrimitive = string | number | boolean | null
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue }
export type JsonObject = { [key: string]: JsonValue }

export type ActivityType = 'probe' | 'action'

export interface PythonProvider {
  type: 'python'
  module: string
  func: string
  arguments?: JsonObject
  /** Secret scopes whose keys are merged and handed to the function. */
  secrets?: string[]
}

export interface ProcessProvider {
  type: 'process'
  path: string
  /** argv list, a shell string, or the deprecated mapping form. */
  arguments?: JsonValue[] | string | JsonObject
  timeout?: number
}

export interface HttpProvider {
  type: 'http'
  url: string
  method?: string
  headers?: Record<string, string>
  arguments?: JsonValue
  /** Seconds, or `[connect, read]`. */
  timeout?: number | [number, number]
  verify_tls?: boolean
  max_retries?: number
}

export type Provider = PythonProvider | ProcessProvider | HttpProvider

export interface Pauses {
  before?: number | string
  after?: number | string
}

export interface Activity {
  type: ActivityType
  name: string
  provider: Provider
  tolerance?: JsonValue
  pauses?: Pauses
  background?: boolean
  timeout?: number
  controls?: JsonValue[]
  [extra: string]: unknown
}

export interface ActivityRef {
  ref: string
}

export type ActivityOrRef = Activity | ActivityRef

export interface Hypothesis {
  title: string
  probes?: ActivityOrRef[]
  controls?: JsonValue[]
}

export type RollbackStrategy = 'default' | 'always' | 'never' | 'deviated'
export const ROLLBACK_STRATEGIES: readonly RollbackStrategy[] = ['default', 'always', 'never', 'deviated']

export type HypothesisStrategy =
  'default' | 'before-method-only' | 'after-method-only' | 'during-method-only' | 'continuously'
export const HYPOTHESIS_STRATEGIES: readonly HypothesisStrategy[] = [
  'default',
  'before-method-only',
  'after-method-only',
  'during-method-only',
  'continuously',
]

export type DryRunMode = 'probes' | 'actions' | 'activities' | 'pause'
export const DRY_RUN_MODES: readonly DryRunMode[] = ['probes', 'actions', 'activities', 'pause']

export interface Experiment {
  title: string
  description: string
  tags?: string[]
  contributions?: Record<string, string>
  configuration?: JsonObject
  secrets?: Record<string, JsonObject>
  extensions?: JsonObject[]
  controls?: JsonValue[]
  'steady-state-hypothesis'?: Hypothesis
  method: ActivityOrRef[]
  rollbacks?: ActivityOrRef[]
  runtime?: {
    rollbacks?: { strategy?: RollbackStrategy }
    hypothesis?: { strategy?: HypothesisStrategy }
  }
  [extra: string]: unknown
}

export function isActivityRef(value: ActivityOrRef): value is ActivityRef {
  return 'ref' in value
}
