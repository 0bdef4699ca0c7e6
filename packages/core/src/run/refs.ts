import {
  entriesOf,
  hypothesisProbes,
  type Activity,
  type ActivityEntry,
  type Experiment,
} from '@steadystate/model'

/** Activities a `{"ref": name}` can reuse: method activities and hypothesis probes (later wins). */
export function buildRefIndex(experiment: Experiment): Map<string, Activity> {
  const index = new Map<string, Activity>()
  for (const entry of [...entriesOf(experiment.method), ...hypothesisProbes(experiment.hypothesis)]) {
    if (entry.kind === 'activity' && typeof entry.name === 'string') index.set(entry.name, entry)
  }
  return index
}

/** The activity an entry stands for: itself, or the one its `ref` names; undefined if it names none. */
export function resolveActivity(
  refs: ReadonlyMap<string, Activity>,
  entry: ActivityEntry,
): Activity | undefined {
  switch (entry.kind) {
    case 'activity':
      return entry
    case 'ref':
      return typeof entry.ref === 'string' ? refs.get(entry.ref) : undefined
    case 'not-an-activity':
      return undefined
  }
}
