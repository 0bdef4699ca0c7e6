import type { RunState } from './run-state.ts'

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Activities a `{"ref": name}` can reuse: method activities and hypothesis probes (later wins). */
export function buildRefIndex(experiment: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const index = new Map<string, Record<string, unknown>>()
  const hypothesis = experiment['steady-state-hypothesis']
  const probes: unknown[] = isRecord(hypothesis) && Array.isArray(hypothesis.probes) ? hypothesis.probes : []
  const method: unknown[] = Array.isArray(experiment.method) ? experiment.method : []
  for (const activity of [...method, ...probes]) {
    if (isRecord(activity) && typeof activity.name === 'string' && !('ref' in activity)) {
      index.set(activity.name, activity)
    }
  }
  return index
}

/** The activity an entry stands for: itself, or the one its `ref` names; undefined if it names none. */
export function resolveActivity(state: RunState, entry: unknown): Record<string, unknown> | undefined {
  if (!isRecord(entry)) return undefined
  if ('ref' in entry) return typeof entry.ref === 'string' ? state.refs.get(entry.ref) : undefined
  return entry
}
