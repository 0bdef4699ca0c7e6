import type { JsonValue } from './json.ts'

/**
 * What a run records of its safeguards (the `chaosaddons.controls.safeguards` control), under
 * `steadystate.safeguards` in the journal. The report draws every check on the timeline and charts
 * the values of metric guards; Chaos Toolkit tools ignore the key.
 */
export interface SafeguardsRecord {
  /** Every check of every safeguard probe, in the order their answers came. */
  checks: SafeguardCheck[]
}

/** How the control runs a safeguard probe (chaostoolkit-addons' rules). */
export type SafeguardMode =
  /** No `background` and no `frequency`: once, blocking, before the experiment starts. */
  | 'pre-check'
  /** `background: true`: once, alongside the run. */
  | 'background'
  /** `frequency: N`: every N seconds until the run ends. */
  | 'repeating'

/** One check of one safeguard probe. */
export interface SafeguardCheck {
  /** The probe's `name` as declared in the control's `probes`. */
  probe: string
  mode: SafeguardMode
  /** When the probe started (ISO 8601, as the journal's other times). */
  start: string
  /** When its answer was judged. */
  at: string
  /** The probe's output; null when it failed. */
  value: JsonValue
  /** The tolerance was met. A probe that failed is never ok: safety fails closed. */
  ok: boolean
  /** Why the probe failed, when it did (the last line of its exception). */
  error?: string
  /** What the probe attached with `measure` (e.g. a guard's observation), in order. */
  measurements?: { kind: string; data: JsonValue }[]
}

/**
 * The measurement kind steadystate's guards (`steadystate.safeguards.*`) attach at each check, in a
 * hypothesis or method (journal `steadystate.measurements`) or a safeguard check
 * (`SafeguardCheck.measurements`): what they saw, so a report can chart it over the run.
 */
export const GUARD_OBSERVATION = 'steadystate.guard'

export interface GuardObservation {
  /** When the guard looked (ISO 8601). */
  at: string
  /** What `count` counts: PromQL series returned, or Alertmanager alerts firing. */
  subject: 'series' | 'alerts'
  /** The guard is safe when this is 0. */
  count: number
  /** What was found (series as PromQL writes them, alert names with their labels), at most 20. */
  found: string[]
  /** The PromQL expression or the Alertmanager matchers, for captions. */
  watching: string
}
