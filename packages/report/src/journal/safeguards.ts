import type { Safeguards } from './types.ts'
import { summariseProvider } from './normalise-run.ts'
import { isRecord, json, label, list, record, text, type UnknownRecord } from './read.ts'
import { parseTimestamp } from './timestamp.ts'

const SAFEGUARDS_CONTROL = 'chaosaddons.controls.safeguards'

/**
 * The safeguards of a run: the probes of every `chaosaddons.controls.safeguards` control the
 * experiment declares, and the checks the run recorded (`steadystate.safeguards.checks`, written
 * by the control). Undefined when there are neither.
 */
export function readSafeguards(
  experiment: UnknownRecord,
  extras: UnknownRecord,
  originMs: number | undefined,
): Safeguards | undefined {
  const declared = list(experiment.controls)
    .map((control) => record(record(control).provider))
    .filter((provider) => provider.module === SAFEGUARDS_CONTROL)
    .flatMap((provider) => list(record(provider.arguments).probes))
    .filter(isRecord)
    .map((probe) => {
      const provider = record(probe.provider)
      return {
        name: label(probe.name) ?? '(unnamed safeguard)',
        provider: summariseProvider(provider),
        arguments: 'arguments' in provider ? json(provider.arguments) : undefined,
        tolerance: 'tolerance' in probe ? json(probe.tolerance) : undefined,
      }
    })
  const offset = (value: unknown): number | undefined => {
    const ms = parseTimestamp(value)?.ms
    return ms === undefined || originMs === undefined ? undefined : (ms - originMs) / 1000
  }
  const checks = list(record(extras.safeguards).checks)
    .filter(isRecord)
    .map((check) => ({
      probe: label(check.probe) ?? '(unnamed safeguard)',
      mode: label(check.mode) ?? 'unknown',
      startOffset: offset(check.start),
      atOffset: offset(check.at),
      value: json(check.value),
      ok: check.ok === true,
      error: text(check.error),
      measurements: list(check.measurements)
        .filter(isRecord)
        .map((measurement) => ({ kind: label(measurement.kind) ?? '?', data: json(measurement.data) })),
    }))
  return declared.length === 0 && checks.length === 0 ? undefined : { declared, checks }
}
