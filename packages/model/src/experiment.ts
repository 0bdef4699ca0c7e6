import type { JsonObject, JsonValue } from './json.ts'

/**
 * A Chaos Toolkit experiment as the engine reads it: the document (JSON or YAML, the wire format of
 * docs/chaos-toolkit.md §1) normalised once by core's `normalizeExperiment`, leniently.
 *
 * Each node keeps the object it was read from (`source`), which journals record unchanged, and
 * exposes the fields the engine uses with their types. A value the format gives one shape and the
 * document another is not dropped but kept as `Malformed`: validation refuses each one with its JSON
 * path, and a run with `--no-validation` meets it and goes as far as the reference would (usually
 * the activity fails and the run goes on).
 */

/** Marks the values `normalizeExperiment` makes (a symbol: no parsed document can carry it). */
export const NORMALIZED: unique symbol = Symbol.for('steadystate.normalized') as never
/** Marks a `Malformed` value (a symbol: no JSON value can be mistaken for one). */
export const MALFORMED: unique symbol = Symbol.for('steadystate.malformed') as never

/**
 * A field whose value does not have the shape the format requires (a `timeout` that is a string, a
 * `provider` that is a list), or a required field that is missing (`value` undefined).
 */
export interface Malformed {
  readonly [MALFORMED]: true
  /** The value as written; undefined when the key is missing. */
  readonly value: JsonValue | undefined
}

/** Wraps a value that does not have the shape its field requires. */
export function malformed(value: JsonValue | undefined): Malformed {
  return { [MALFORMED]: true, value }
}

/** True for a `Malformed` field (never for a value of the document itself). */
export function isMalformed(value: unknown): value is Malformed {
  return typeof value === 'object' && value !== null && MALFORMED in value
}

/** `probe` observes the system, `action` changes it. */
export type ActivityType = 'probe' | 'action'

/** A `python` provider: a function of a Python module (native in steadystate, or in the Python bridge). */
export interface PythonProvider {
  readonly kind: 'python'
  readonly type: 'python'
  /** The provider as written (after substitution, for the provider a run executes). */
  readonly source: JsonObject
  /** The module path, e.g. `chaosk8s.pod.actions`. */
  readonly module: string | Malformed
  /** The function's name in that module. */
  readonly func: string | Malformed
  /** Keyword arguments; undefined when the provider declares none. */
  readonly arguments: JsonObject | Malformed | undefined
  /**
   * The secret scopes whose keys are merged and handed to the function (`secrets=`). Malformed when
   * not a list of names: a Python string is then iterated character by character, as the reference does.
   */
  readonly secrets: string[] | Malformed | undefined
}

/** A `process` provider: a program and its arguments. */
export interface ProcessProvider {
  readonly kind: 'process'
  readonly type: 'process'
  /** The provider as written (after substitution, for the provider a run executes). */
  readonly source: JsonObject
  /** The program: a path, or a name looked up on PATH. */
  readonly path: string | Malformed
  /**
   * An argv list (each item as Python's `str()` prints it), a shell string (run with `/bin/sh -c`),
   * or the deprecated mapping form (flattened into `key value` pairs); undefined for none.
   */
  readonly arguments: JsonValue[] | string | JsonObject | Malformed | undefined
  /** Seconds: positive and finite, else Malformed. Undefined (or null) for no timeout. */
  readonly timeout: number | Malformed | undefined
}

/** An `http` provider: one request, following redirects. */
export interface HttpProvider {
  readonly kind: 'http'
  readonly type: 'http'
  /** The provider as written (after substitution, for the provider a run executes). */
  readonly source: JsonObject
  /** The URL; after substitution, anything but a string is Malformed. */
  readonly url: string | Malformed
  /** The request method, upper-cased when sent; GET when undefined (also when not a string). */
  readonly method: string | undefined
  /** Request headers (values as Python's `str()` prints them); Malformed when not a mapping. */
  readonly headers: JsonObject | Malformed | undefined
  /** The query string (GET) or the body (JSON when the Content-Type says so, else a form). */
  readonly arguments: JsonValue | undefined
  /**
   * Seconds, or a `[connect, read]` pair, each positive and finite. Malformed otherwise (before
   * substitution, a `${…}` template is Malformed too: it is judged once substituted).
   */
  readonly timeout: number | [number, number] | Malformed | undefined
  /** False only when the provider says `verify_tls: false`. */
  readonly verifyTls: boolean
  /** Retries after a failed connection: a whole number, 0 when absent or not a number. */
  readonly maxRetries: number
}

/**
 * A provider whose type is none of the three above: one an engine host registered
 * (`ProviderRegistry.register`), an unknown one, or a missing type (Malformed).
 */
export interface OtherProvider {
  readonly kind: 'other'
  /** Never `python`, `process` or `http` (those are the other variants). */
  readonly type: string | Malformed
  /** The provider as written (after substitution, for the provider a run executes). */
  readonly source: JsonObject
}

/** Every provider, discriminated by `kind` (`type` is the type it declares). */
export type Provider = PythonProvider | ProcessProvider | HttpProvider | OtherProvider

/** The provider types every engine implements itself. */
export type BuiltInProvider = PythonProvider | ProcessProvider | HttpProvider

/** `pauses`: seconds to wait before and after an activity, each a number or a `${…}` template. */
export interface Pauses {
  readonly before: JsonValue | undefined
  readonly after: JsonValue | undefined
}

/** An activity declared in place: a probe or an action, with its provider. */
export interface Activity {
  readonly kind: 'activity'
  /** The activity as written: the journal records it unchanged. */
  readonly source: JsonObject
  readonly type: ActivityType | Malformed
  /** Its name (may be empty); Malformed when missing or not a string. Logs then say `(unnamed)`. */
  readonly name: string | Malformed
  /** Malformed when missing or not a mapping: running it then fails as an unknown provider type. */
  readonly provider: Provider | Malformed
  /** Present when the activity has a `tolerance` key (a hypothesis probe's); judged after substitution. */
  readonly tolerance: { readonly value: JsonValue } | undefined
  /** Malformed when `pauses` is not a mapping (a run then does not pause). */
  readonly pauses: Pauses | Malformed | undefined
  /** Runs alongside the next activities when true; Malformed (run in the foreground) when not a boolean. */
  readonly background: boolean | Malformed
  /** The activity's own deadline in seconds (0 or negative: none); Malformed when not a number. */
  readonly timeout: number | Malformed | undefined
}

/** `{"ref": "name"}`: reuses a method activity or hypothesis probe declared elsewhere. */
export interface ActivityRef {
  readonly kind: 'ref'
  /** The entry as written. */
  readonly source: JsonObject
  /** The name it refers to; Malformed when not a string. */
  readonly ref: string | Malformed
  /** A tolerance the entry gives itself (a hypothesis probe may override the activity's). */
  readonly tolerance: { readonly value: JsonValue } | undefined
}

/** An entry of an activity list that is not a mapping (a run skips it with a warning). */
export interface NotAnActivity {
  readonly kind: 'not-an-activity'
  readonly source: JsonValue
}

/** One entry of the method, the rollbacks or the hypothesis's probes. */
export type ActivityEntry = Activity | ActivityRef | NotAnActivity

/** The steady-state hypothesis: probes whose tolerances say what "normal" is. */
export interface Hypothesis {
  readonly source: JsonObject
  readonly title: string | Malformed
  /** Malformed when `probes` is not a list (a run then checks nothing). */
  readonly probes: ActivityEntry[] | Malformed
  /** Controls at hypothesis level (see core's declaredControls: each is honoured or refused). */
  readonly controls: JsonValue | undefined
}

/** The hypothesis strategies an experiment's `runtime` may name, beyond the CLI's. */
export type RuntimeHypothesisStrategy = HypothesisStrategy | 'continously' | 'skip'

/** The experiment's `runtime` block: strategies that flags may override. */
export interface Runtime {
  /** Malformed when not a known strategy; undefined when absent (or its section is not a mapping). */
  readonly rollbackStrategy: RollbackStrategy | Malformed | undefined
  readonly hypothesisStrategy: RuntimeHypothesisStrategy | Malformed | undefined
}

/** One `{"type": "env", "key": …}` entry of `configuration` or `secrets`. */
export interface EnvEntry {
  readonly kind: 'env'
  /** The environment variable; Malformed when missing, empty or not a string. */
  readonly key: string | Malformed
  /** `default` (configuration only), when the entry has one. */
  readonly fallback: { readonly value: JsonValue } | undefined
  /** `env_var_type` as written: a conversion name (`int`, `json`, …) when valid. */
  readonly envVarType: JsonValue | undefined
}

/** A `configuration` entry: a value, an environment variable, or a probe run when the run starts. */
export type ConfigurationEntry =
  | { readonly kind: 'value'; readonly value: JsonValue }
  | EnvEntry
  | {
      readonly kind: 'probe'
      /** Its `name`, used in logs; undefined when it has none. */
      readonly name: string | undefined
      readonly provider: Provider | Malformed
    }

/** A `secrets` entry: a value, an environment variable, a Vault reference, or a nested mapping. */
export type SecretEntry =
  | { readonly kind: 'value'; readonly value: JsonValue }
  | EnvEntry
  | { readonly kind: 'vault' }
  | { readonly kind: 'nested'; readonly entries: SecretScope }

/** One secret scope: names to entries. */
export type SecretScope = ReadonlyMap<string, SecretEntry>

/** The experiment, normalised. Make one with core's `normalizeExperiment`. */
export interface Experiment {
  readonly [NORMALIZED]: true
  /** The document as written (a journal records it, with its title substituted). */
  readonly source: JsonObject
  /** Malformed when missing or not a string (validation also refuses an empty one). */
  readonly title: string | Malformed
  readonly description: string | Malformed
  /** Fields the engine does not use, as written: validation checks their shape. */
  readonly tags: JsonValue | undefined
  readonly extensions: JsonValue | undefined
  readonly controls: JsonValue | undefined
  /** Names to entries; Malformed when not a mapping. */
  readonly configuration: ReadonlyMap<string, ConfigurationEntry> | Malformed | undefined
  /** Scopes to entries; Malformed when not a mapping (a scope that is not a mapping is Malformed itself). */
  readonly secrets: ReadonlyMap<string, SecretScope | Malformed> | Malformed | undefined
  /** Undefined when absent or null. */
  readonly hypothesis: Hypothesis | Malformed | undefined
  /** Malformed when missing or not a list (a run then has an empty method). */
  readonly method: ActivityEntry[] | Malformed
  readonly rollbacks: ActivityEntry[] | Malformed | undefined
  readonly runtime: Runtime | Malformed | undefined
}

/** A document that is not a mapping at all, so not an experiment. */
export interface NotAnExperiment {
  readonly kind: 'not-an-experiment'
  readonly source: JsonValue
}

/** True for an `Experiment` made by `normalizeExperiment` (not a raw document). */
export function isExperiment(value: unknown): value is Experiment {
  return typeof value === 'object' && value !== null && NORMALIZED in value
}

/** The entries of a list field, or none when it is Malformed or absent. */
export function entriesOf(list: ActivityEntry[] | Malformed | undefined): ActivityEntry[] {
  return list === undefined || isMalformed(list) ? [] : list
}

/** The probes of a hypothesis, or none when it is absent or Malformed. */
export function hypothesisProbes(hypothesis: Hypothesis | Malformed | undefined): ActivityEntry[] {
  return hypothesis === undefined || isMalformed(hypothesis) ? [] : entriesOf(hypothesis.probes)
}

/** An activity's name for logs and journals' readers: `(unnamed)` when it has none. */
export function activityName(activity: Activity): string {
  return typeof activity.name === 'string' ? activity.name : '(unnamed)'
}

/** How a run rolls back: `default` (always, in steadystate), `always`, `never`, `deviated`. */
export type RollbackStrategy = 'default' | 'always' | 'never' | 'deviated'
/** Every rollback strategy, for flags and validation. */
export const ROLLBACK_STRATEGIES: readonly RollbackStrategy[] = ['default', 'always', 'never', 'deviated']

/** When the steady-state hypothesis is checked. */
export type HypothesisStrategy =
  'default' | 'before-method-only' | 'after-method-only' | 'during-method-only' | 'continuously'
/** Every hypothesis strategy the CLI accepts. */
export const HYPOTHESIS_STRATEGIES: readonly HypothesisStrategy[] = [
  'default',
  'before-method-only',
  'after-method-only',
  'during-method-only',
  'continuously',
]

/**
 * What `--hypothesis-strategy` (and every adapter's matching input) takes: the reference still
 * accepts its old spelling `continously`, with a warning, and runs continuously.
 */
export type HypothesisStrategyFlag = HypothesisStrategy | 'continously'
/** Accepted by `--hypothesis-strategy` and the adapters, never offered in help or error messages. */
export const DEPRECATED_HYPOTHESIS_STRATEGIES: readonly HypothesisStrategyFlag[] = ['continously']

/** What a dry run skips: `probes`, `actions`, `activities` (both), or `pause` (pauses only). */
export type DryRunMode = 'probes' | 'actions' | 'activities' | 'pause'
/** Every dry-run mode. */
export const DRY_RUN_MODES: readonly DryRunMode[] = ['probes', 'actions', 'activities', 'pause']
