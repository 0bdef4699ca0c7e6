import {
  entriesOf,
  hypothesisProbes,
  isJsonObject,
  isMalformed,
  type ActivityEntry,
  type Experiment,
  type JsonObject,
  type JsonValue,
} from '@steadystate/model'

/** Where a control was declared: it decides what the control may do (see `honourProblem`). */
export type ControlLevel = 'experiment' | 'hypothesis' | 'activity' | 'global'

/**
 * Controls from outside the experiment: a settings file's `controls` or a `--control-file`, each a
 * mapping of names to controls, as the Chaos Toolkit reads them (`load_global_controls`).
 */
export interface GlobalControlSource {
  file: string
  controls: JsonValue | undefined
}

/** One control as declared, with where it came from. Only mappings with a provider are listed. */
export interface DeclaredControl {
  file: string
  /** Its JSON path in that file. */
  path: string
  level: ControlLevel
  name: string
  /** The provider's `module`, empty when there is none (a non-Python control). */
  module: string
  declaration: JsonObject
}

/**
 * Every control the run would have to honour: the experiment's, its hypothesis's, each activity's,
 * and the global ones. `{"ref": …}` entries name an experiment-level control and are not repeated.
 */
export function declaredControls(
  experiment: Experiment,
  file: string,
  globals: readonly GlobalControlSource[] = [],
): DeclaredControl[] {
  const found: DeclaredControl[] = []
  const list = (controls: JsonValue | undefined, path: string, level: ControlLevel, from = file): void => {
    if (!Array.isArray(controls)) return
    controls.forEach((control, index) => add(control, `${path}[${index}]`, level, from, undefined))
  }
  const add = (
    control: JsonValue,
    path: string,
    level: ControlLevel,
    from: string,
    name: string | undefined,
  ): void => {
    if (!isJsonObject(control) || !isJsonObject(control.provider)) return
    const declared = name ?? (typeof control.name === 'string' ? control.name : '')
    const module = typeof control.provider.module === 'string' ? control.provider.module : ''
    found.push({ file: from, path, level, name: declared, module, declaration: control })
  }
  list(experiment.controls, 'controls', 'experiment')
  const hypothesis = experiment.hypothesis
  if (hypothesis !== undefined && !isMalformed(hypothesis))
    list(hypothesis.controls, 'steady-state-hypothesis.controls', 'hypothesis')
  const activities = (entries: readonly ActivityEntry[], prefix: string): void => {
    entries.forEach((entry, index) => {
      if (entry.kind === 'activity') list(entry.source.controls, `${prefix}[${index}].controls`, 'activity')
    })
  }
  activities(hypothesisProbes(hypothesis), 'steady-state-hypothesis.probes')
  activities(entriesOf(experiment.method), 'method')
  activities(entriesOf(experiment.rollbacks), 'rollbacks')
  for (const source of globals) {
    if (!isJsonObject(source.controls)) continue
    for (const [name, control] of Object.entries(source.controls))
      add(control, `controls.${name}`, 'global', source.file, name)
  }
  return found
}
