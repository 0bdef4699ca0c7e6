import type { Phase, ProviderSummary, RunRecord } from './types.ts'
import { finite, flag, isRecord, json, label, list, record, text } from './read.ts'
import { parseTimestamp } from './timestamp.ts'

export interface RunPlace {
  phase: Phase
  path: string
  iteration?: number
  /** The journal's start (ms), offsets are measured from it. */
  originMs: number | undefined
}

/** One `activity run` entry of any chaoslib version, made total. */
export function normaliseRun(raw: unknown, place: RunPlace): RunRecord {
  const run = record(raw)
  const activity = record(run.activity)
  const start = parseTimestamp(run.start)
  const end = parseTimestamp(run.end)
  const offset = (ms: number | undefined): number | undefined =>
    ms === undefined || place.originMs === undefined ? undefined : (ms - place.originMs) / 1000
  const duration =
    finite(run.duration) ??
    (start !== undefined && end !== undefined ? (end.ms - start.ms) / 1000 : undefined)
  const pauses = record(activity.pauses)
  const provider = record(activity.provider)
  return {
    path: place.path,
    phase: place.phase,
    iteration: place.iteration,
    name: label(activity.name) ?? label(activity.ref) ?? '(unnamed activity)',
    type: activity.type === 'probe' || activity.type === 'action' ? activity.type : 'activity',
    provider: summariseProvider(provider),
    arguments: 'arguments' in provider ? json(provider.arguments) : undefined,
    tolerance: 'tolerance' in activity ? json(activity.tolerance) : undefined,
    output: 'output' in run ? json(run.output) : undefined,
    status: run.status === 'succeeded' || run.status === 'failed' ? run.status : 'unknown',
    toleranceMet: flag(run.tolerance_met),
    exception: list(run.exception).map((line) => String(line)),
    startOffset: offset(start?.ms),
    endOffset: offset(
      end?.ms ?? (start === undefined || duration === undefined ? undefined : start.ms + duration * 1000),
    ),
    durationSeconds: duration,
    pauses: { before: pause(pauses.before), after: pause(pauses.after) },
    background: activity.background === true,
  }
}

function pause(value: unknown): number | string | undefined {
  return finite(value) ?? text(value)
}

export function summariseProvider(provider: Record<string, unknown>): ProviderSummary {
  switch (provider.type) {
    case 'python':
      return { type: 'python', module: label(provider.module) ?? '?', func: label(provider.func) ?? '?' }
    case 'process':
      return { type: 'process', path: label(provider.path) ?? '?' }
    case 'http':
      return {
        type: 'http',
        method: (label(provider.method) ?? 'GET').toUpperCase(),
        url: label(provider.url) ?? '?',
      }
    default:
      return { type: 'other', name: label(provider.type) ?? 'unknown' }
  }
}

/** A declared hypothesis probe (or a `ref` to one), for journals that did not record runs. */
export function declaredProbe(raw: unknown): {
  name: string
  tolerance: ReturnType<typeof json> | undefined
} {
  const probe = isRecord(raw) ? raw : {}
  return {
    name: label(probe.name) ?? label(probe.ref) ?? '(unnamed probe)',
    tolerance: 'tolerance' in probe ? json(probe.tolerance) : undefined,
  }
}
