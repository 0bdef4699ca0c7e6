import type { JsonValue } from './json.ts'

/**
 * A control the run went without, because the user said so (`--skip-unknown-controls`): the
 * journal lists each one under `steadystate.skippedControls`, and the report shows them. Without
 * that flag such a control is a validation error: what was declared for safety is never dropped
 * silently.
 */
export interface SkippedControl {
  /** The file that declared it: the experiment, a settings file or a control file. */
  file: string
  /** Where in that file (a JSON path such as `controls[0]` or `method[2].controls[0]`). */
  path: string
  name: string
  /** The control's provider module (empty when it has none). */
  module: string
}

/**
 * What can stop a run from outside its method: a safeguard probe, the Kubernetes kill switch, or a
 * Python control's hook raising the Chaos Toolkit's InterruptExecution.
 */
export type StopSource = 'safeguard' | 'kill-switch' | 'python-control'

/**
 * Why and how fast a run was stopped (`steadystate.stop`): the check that tripped, what it saw, when,
 * and when the run had halted (every rollback done, or the main phases ended when none played).
 */
export interface RunStop {
  source: StopSource
  /** The control that owns the check (the safeguards control's `name`, `kill-switch`, the Python control's `name`). */
  control: string
  /** The probe whose tolerance was not met (or that failed); for a Python control, the hook that raised. */
  probe: string
  /** What the probe returned (null when it failed). */
  value: JsonValue
  /** Why it stopped the run, in words (a Python control's: its exception's message). */
  reason: string
  /** When the check's answer was judged (ISO 8601). */
  trippedAt: string
  /** When the run had halted: the last rollback ended; null in a journal written before then. */
  haltedAt: string | null
  /** Seconds from trippedAt to haltedAt; null until halted. */
  timeToHalt: number | null
}
