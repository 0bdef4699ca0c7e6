import {
  entriesOf,
  hypothesisProbes,
  isJsonObject,
  type ActivityEntry,
  type Experiment,
  type JsonObject,
  type JsonValue,
} from '@steadystate/model'
import { normalizeExperiment } from '../../experiment/normalize.ts'
import type { ActivityListName } from '../../providers/python-bridge/protocol.ts'

/**
 * The experiment as the run's Python controls left it. In the reference, hooks get the very dicts
 * the run loop iterates: what a control changes (chaosaddons.controls.repeat inserts copies of an
 * activity into the method; a before_experiment_control may add activities) is what runs. The
 * worker sends the experiment back whenever a hook changed it; the lists the run iterates are read
 * from here, normalised as a loaded experiment is, so the engine follows the change.
 */
export class LiveExperiment {
  /** Undefined until a control changed the experiment; `by` names the last control that did. */
  private changed: { json: JsonObject; normalized: Experiment; by: string } | undefined
  /** The controls declared in the experiment as validated (canonical texts), once it changed. */
  private declared: Set<string> | undefined

  constructor(private readonly initial: () => JsonObject) {}

  /** The experiment as the worker holds it. */
  json(): JsonObject {
    return this.changed?.json ?? this.initial()
  }

  /** The experiment as controls left it; undefined while none changed it. */
  changedJson(): JsonObject | undefined {
    return this.changed?.json
  }

  /** Every provider the experiment's activities declared as validated (canonical texts). */
  private validatedProviders: Set<string> | undefined

  /**
   * Whether `provider` is one an activity of the validated experiment declared. The safeguards (the
   * lock's namespaces, the kill switch's scope) were opened from those: an activity a control changed
   * or added to call anything else was never checked, so it must not run.
   */
  isValidatedProvider(provider: JsonValue): boolean {
    this.validatedProviders ??= declaredProviderTexts(this.initial())
    return this.validatedProviders.has(canonicalText(provider))
  }

  /** A hook of control `by` left the experiment this way. */
  update(json: JsonObject, by: string): void {
    this.declared ??= declaredControlTexts(this.initial())
    this.changed = { json, normalized: normalizeExperiment(json), by }
  }

  /**
   * The control that added `control` to the experiment, when a control did (it was not declared in
   * the experiment that was validated); undefined for a declared one.
   */
  addedBy(control: JsonObject): string | undefined {
    if (this.changed === undefined || this.declared?.has(canonicalText(control)) !== false) return undefined
    return this.changed.by
  }

  /** The entries of a list as the controls left it; undefined while no control changed anything. */
  entries(list: ActivityListName): readonly ActivityEntry[] | undefined {
    const normalized = this.changed?.normalized
    if (normalized === undefined) return undefined
    switch (list) {
      case 'method':
        return entriesOf(normalized.method)
      case 'rollbacks':
        return entriesOf(normalized.rollbacks)
      case 'probes':
        return hypothesisProbes(normalized.hypothesis)
    }
  }
}

/**
 * A JSON value as text with its keys sorted: a control's declaration the worker sent back (keys in
 * any order) is recognised as the one that was validated.
 */
export function canonicalText(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalText).join(',')}]`
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort()
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalText(value[key] ?? null)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** Every control declared anywhere in an experiment (any `controls` list), as canonical texts. */
function declaredControlTexts(experiment: JsonValue): Set<string> {
  const texts = new Set<string>()
  const visit = (value: JsonValue): void => {
    if (Array.isArray(value)) value.forEach(visit)
    else if (isJsonObject(value))
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'controls' && Array.isArray(inner))
          for (const control of inner) texts.add(canonicalText(control))
        visit(inner)
      }
  }
  visit(experiment)
  return texts
}

/** The providers of the activities in the method, the rollbacks and the hypothesis, as canonical texts. */
function declaredProviderTexts(experiment: JsonObject): Set<string> {
  const hypothesis = experiment['steady-state-hypothesis']
  const lists = [experiment.method, experiment.rollbacks, isJsonObject(hypothesis) ? hypothesis.probes : null]
  const texts = new Set<string>()
  for (const list of lists)
    if (Array.isArray(list))
      for (const entry of list)
        if (isJsonObject(entry) && entry.provider !== undefined) texts.add(canonicalText(entry.provider))
  return texts
}
