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
  /** Undefined until a control changed the experiment. */
  private changed: { json: JsonObject; normalized: Experiment } | undefined

  constructor(private readonly initial: () => JsonObject) {}

  /** The experiment as the worker holds it. */
  json(): JsonObject {
    return this.changed?.json ?? this.initial()
  }

  /** The experiment as controls left it; undefined while none changed it. */
  changedJson(): JsonObject | undefined {
    return this.changed?.json
  }

  /** A hook left the experiment this way. */
  update(json: JsonObject): void {
    this.changed = { json, normalized: normalizeExperiment(json) }
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
