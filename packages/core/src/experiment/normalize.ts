import {
  HYPOTHESIS_STRATEGIES,
  isJsonObject,
  isRecord,
  malformed,
  NORMALIZED,
  ROLLBACK_STRATEGIES,
  type Activity,
  type ActivityEntry,
  type Experiment,
  type Hypothesis,
  type JsonObject,
  type JsonValue,
  type Malformed,
  type NotAnExperiment,
  type Runtime,
  type RuntimeHypothesisStrategy,
} from '@steadystate/model'
import { normalizeConfiguration, normalizeSecrets } from './normalize-config.ts'
import { providerOf } from './normalize-provider.ts'

/**
 * The boundary between documents and the engine: a parsed experiment becomes an `Experiment`, once,
 * and everything after (validation, runs, rollbacks) works on its types. Lenient by design: nothing
 * is dropped or refused here; what has the wrong shape is kept as `Malformed` for validation to
 * name and for a run with `--no-validation` to meet as the reference would.
 *
 * A mapping always gives an `Experiment` (an empty one too: validation refuses it); anything else
 * is `NotAnExperiment`. The document is not copied: its nodes are the `source` of the typed ones.
 */
export function normalizeExperiment(document: Readonly<Record<string, unknown>>): Experiment
export function normalizeExperiment(document: unknown): Experiment | NotAnExperiment
export function normalizeExperiment(document: unknown): Experiment | NotAnExperiment {
  if (!isRecord(document)) return { kind: 'not-an-experiment', source: asJson(document) }
  const source = asJsonObject(document)
  const hypothesis = source['steady-state-hypothesis']
  return {
    [NORMALIZED]: true,
    source,
    title: stringOr(source.title),
    description: stringOr(source.description),
    tags: source.tags,
    extensions: source.extensions,
    controls: source.controls,
    configuration: normalizeConfiguration(source.configuration),
    secrets: normalizeSecrets(source.secrets),
    hypothesis:
      hypothesis === undefined || hypothesis === null
        ? undefined
        : isJsonObject(hypothesis)
          ? normalizeHypothesis(hypothesis)
          : malformed(hypothesis),
    method: activityList(source.method),
    rollbacks: source.rollbacks === undefined ? undefined : activityList(source.rollbacks),
    runtime: source.runtime === undefined ? undefined : normalizeRuntime(source.runtime),
  }
}

/**
 * An experiment from whatever a caller holds: a normalised one as it is, a document normalised now.
 * The engine's entry points take both, so a host that normalised once does not normalise again.
 */
export function experimentOf(input: ExperimentInput): Experiment {
  return isNormalized(input) ? input : normalizeExperiment(input)
}

/** What the engine's entry points accept: an `Experiment`, or a parsed document (a mapping). */
export type ExperimentInput = Experiment | Readonly<Record<string, unknown>>

function isNormalized(input: ExperimentInput): input is Experiment {
  return NORMALIZED in input
}

/** One entry of an activity list: an activity, a `{"ref": …}`, or something that is neither. */
export function normalizeEntry(entry: JsonValue): ActivityEntry {
  if (!isJsonObject(entry)) return { kind: 'not-an-activity', source: entry }
  const tolerance = toleranceOf(entry)
  if ('ref' in entry) {
    const ref = entry.ref
    return { kind: 'ref', source: entry, ref: typeof ref === 'string' ? ref : malformed(ref), tolerance }
  }
  return normalizeActivity(entry, tolerance)
}

/**
 * A mapping read as an activity whatever it holds (a `ref` key included): what a Python control's
 * before hooks left of an activity, which the reference runs as it is (refs were looked up before).
 */
export function normalizeActivityFields(source: JsonObject): Activity {
  return normalizeActivity(source, toleranceOf(source))
}

function toleranceOf(entry: JsonObject): Activity['tolerance'] {
  return Object.hasOwn(entry, 'tolerance') ? { value: entry.tolerance ?? null } : undefined
}

function normalizeActivity(source: JsonObject, tolerance: Activity['tolerance']): Activity {
  const { type, pauses, background, timeout } = source
  return {
    kind: 'activity',
    source,
    type: type === 'probe' || type === 'action' ? type : malformed(type),
    name: stringOr(source.name),
    provider: providerOf(source.provider),
    tolerance,
    pauses:
      pauses === undefined
        ? undefined
        : isJsonObject(pauses)
          ? { before: pauses.before, after: pauses.after }
          : malformed(pauses),
    background:
      background === undefined || typeof background === 'boolean'
        ? background === true
        : malformed(background),
    timeout: timeout === undefined ? undefined : typeof timeout === 'number' ? timeout : malformed(timeout),
  }
}

function normalizeHypothesis(source: JsonObject): Hypothesis {
  const probes = source.probes
  return {
    source,
    title: stringOr(source.title),
    // Absent probes are an empty list (nothing to check); anything but a list is Malformed.
    probes: probes === undefined ? [] : activityList(probes),
    controls: source.controls,
  }
}

function activityList(value: JsonValue | undefined): ActivityEntry[] | Malformed {
  return Array.isArray(value) ? value.map(normalizeEntry) : malformed(value)
}

function normalizeRuntime(value: JsonValue): Runtime | Malformed {
  if (!isJsonObject(value)) return malformed(value)
  return {
    rollbackStrategy: strategy(value.rollbacks, ROLLBACK_STRATEGIES),
    hypothesisStrategy: strategy<RuntimeHypothesisStrategy>(value.hypothesis, [
      ...HYPOTHESIS_STRATEGIES,
      'continously',
      'skip',
    ]),
  }
}

/** A section's `strategy`: undefined when the section or its strategy is absent. */
function strategy<T extends string>(
  section: JsonValue | undefined,
  allowed: readonly T[],
): T | Malformed | undefined {
  if (!isJsonObject(section) || section.strategy === undefined) return undefined
  const value = section.strategy
  return allowed.find((candidate) => candidate === value) ?? malformed(value)
}

function stringOr(value: JsonValue | undefined): string | Malformed {
  return typeof value === 'string' ? value : malformed(value)
}

/**
 * A parsed document is JSON (JSON or YAML's JSON-compatible schema), so its type says so here, at
 * the one place documents enter the engine. It is not copied: journals record it as it was read.
 */
function asJsonObject(document: Readonly<Record<string, unknown>>): JsonObject {
  return document as JsonObject
}

function asJson(document: unknown): JsonValue {
  return document as JsonValue
}
