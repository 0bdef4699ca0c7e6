import {
  isJsonObject,
  stopCountsIn,
  type DryRunMode,
  type ErrorCode,
  type Experiment,
  type JsonObject,
  type Journal,
  type RollbackStrategy,
  type RunStatus,
} from '@steadystate/model'
import type { Environment } from '../config/configuration.ts'
import { resolutionProblems, resolveInputs, type RunInputs } from '../config/inputs.ts'
import type { Overrides } from '../config/overrides.ts'
import { substituteString } from '../config/substitution.ts'
import { experimentOf, type ExperimentInput } from '../experiment/normalize.ts'
import { errorMessage, formatIssue, type ValidationIssue } from '../errors.ts'
import { systemClock, type Clock } from '../journal/clock.ts'
import { valueText } from '../text/value-text.ts'
import { Redactor } from '../journal/redact.ts'
import type { ProviderRegistry } from '../providers/registry.ts'
import { validateExperiment } from '../validate/validate-experiment.ts'
import type { GlobalControlSource } from '../controls/declared.ts'
import { decideControls } from '../controls/decide.ts'
import { PythonControls } from '../controls/python/runner.ts'
import { forwardAbort, openSafeguard } from '../safeguard/open.ts'
import type { SafeguardMode, SafeguardProvider, StopRequest } from '../safeguard/types.ts'
import { resolveDynamicConfiguration } from './dynamic-configuration.ts'
import type { EventSink } from './events.ts'
import { Recorder } from './recorder.ts'
import { buildRefIndex } from './refs.ts'
import { createEmitter, type RunState } from './run-state.ts'
import { executePhases } from './phases.ts'
import type { HypothesisStrategyFlag } from './plan.ts'
import { runPreflights } from './preflight.ts'

export interface RunOptions {
  /** Where the experiment came from (path or URL), for messages. */
  source: string
  /** The size of the document, for the journal of one that is not a valid experiment. */
  sourceBytes?: number
  registry: ProviderRegistry
  /** The environment activities see and `{"type": "env"}` entries read. */
  env: Environment
  cwd: string
  /** steadystate's version, recorded in the journal. */
  version: string
  /** `--var` and `--var-file` values. */
  overrides?: Overrides
  /**
   * Configuration, secrets and the values to mask, when the host resolved them already (with
   * `resolveInputs`, for this experiment, `env` and `overrides`): they are then not resolved again.
   */
  inputs?: RunInputs
  rollbackStrategy?: RollbackStrategy
  /** The old spelling `continously` runs continuously, with a warning (as in the reference). */
  hypothesisStrategy?: HypothesisStrategyFlag
  /** Seconds between checks of a during-method hypothesis. @default 1 */
  hypothesisFrequency?: number
  failFast?: boolean
  dry?: DryRunMode | null
  /** Skip `chaos validate`'s rules (the reference's `--no-validation`); controls are checked still. */
  skipValidation?: boolean
  /** Run without the controls steadystate cannot honour, saying so, instead of refusing the run. */
  skipUnknownControls?: boolean
  /** Controls from a settings file or `--control-file`s (mappings of names to controls). */
  globalControls?: readonly GlobalControlSource[]
  /** The settings file's content: Python controls whose hooks take `settings` get it. */
  settings?: JsonObject
  /** Aborted on SIGINT/SIGTERM; its reason (e.g. 'SIGTERM') is recorded. */
  signal?: AbortSignal
  /** Upper bound for all rollbacks after an interruption or failure. @default 300 */
  rollbackTimeoutSeconds?: number
  onEvent?: EventSink
  /**
   * Receives a journal of the run in progress (status `running`) at each phase boundary and around
   * each activity, so a run killed at any moment leaves a truthful journal behind. A returned
   * promise is awaited before the method starts; if it rejects there, the method does not run.
   */
  onCheckpoint?: (journal: Journal) => void | Promise<void>
  /**
   * Keeps the run's record of pending rollbacks outside the runner and its locks (the Kubernetes
   * driver's, through the CLI); none when undefined. See SafeguardProvider.
   */
  safeguards?: SafeguardProvider
  clock?: Clock
}

export interface RunResult {
  journal: Journal
  /** Validation problems (errors stop the run before anything is executed). */
  issues: ValidationIssue[]
}

/**
 * Runs an experiment with the reference's semantics (docs/chaos-toolkit.md §4) and returns its
 * journal. Never throws for problems of the experiment or the system under test: those end up in
 * the journal, with status `aborted` when nothing could run. Rollbacks run in a `finally`-like step
 * whatever happened.
 */
export async function runExperiment(input: ExperimentInput, options: RunOptions): Promise<RunResult> {
  try {
    const experiment = experimentOf(input)
    const prepared = await prepareRun(experiment, {
      ...options,
      // The safeguard keeps its record up to date from the same journals the host writes.
      onCheckpoint: (journal) => {
        if (prepared.kind === 'ready') prepared.state.safeguard?.observe(journal)
        return options.onCheckpoint?.(journal)
      },
    })
    if (prepared.kind === 'not-run') return prepared.result
    let journal: Journal | undefined
    try {
      await executePhases(prepared.state, experiment, options, prepared.recorder)
      journal = prepared.recorder.finish()
    } finally {
      await prepared.state.safeguard?.close(journal)
    }
    return { journal, issues: prepared.issues }
  } finally {
    // No Python worker (or anything else a provider keeps) outlives the run.
    await options.registry.close()
  }
}

/** A run ready to execute its phases, or the journal of one that cannot start. */
export type PreparedRun =
  | { kind: 'ready'; state: RunState; recorder: Recorder; issues: ValidationIssue[] }
  | { kind: 'not-run'; result: RunResult }

/**
 * Everything before the first phase: configuration and secrets, validation, dynamic configuration
 * and preflights. Shared by full runs and rollbacks-only runs, so both substitute, redact and refuse
 * invalid experiments the same way.
 */
export async function prepareRun(
  experiment: Experiment,
  options: RunOptions,
  mode: SafeguardMode = { kind: 'run' },
): Promise<PreparedRun> {
  const clock = options.clock ?? systemClock
  // A signal, a lost lock, the kill switch (see openSafeguard) and a safeguard stop the run the
  // same way: one interruption path.
  const stop = new AbortController()
  forwardAbort(options.signal, stop)
  const interrupt = stop.signal
  const inputs = options.inputs ?? resolveInputs(experiment, options.env, options.overrides)
  const { env, configuration } = inputs
  const redactor = new Redactor(inputs.secretValues)
  const emit = createEmitter(options.onEvent, redactor)
  const warnings: string[] = []
  const warn = (message: string): void => {
    warnings.push(message)
    emit({ type: 'warning', message })
  }
  if (redactor.weakCount > 0) warn(weakSecretsWarning(redactor.weakCount))

  // What was declared for safety is checked even with --no-validation: honoured, or the run refuses.
  const controls = await decideControls(experiment, options, options.skipValidation !== true)
  const issues =
    options.skipValidation === true
      ? controls.issues
      : await validateExperiment(experiment, { ...options, inputs, controls })
  for (const issue of issues.filter((i) => i.severity === 'warning')) warn(formatIssue(issue))
  // A copy: dynamic configuration adds its values to the run's own.
  const scope = { configuration: { ...configuration.values }, secrets: inputs.secrets.values }
  const recorder = new Recorder({ experiment, options, clock, redactor, warnings, scope })
  recorder.skippedControls = controls.skipped
  const notRun = (code: ErrorCode, message: string): PreparedRun => ({
    kind: 'not-run',
    result: { journal: recorder.notRun(code, message), issues },
  })

  const errors = issues.filter((issue) => issue.severity === 'error')
  const problems = resolutionProblems(inputs)
  if (errors.length > 0 || (options.skipValidation === true && problems.length > 0)) {
    const lines = errors.length > 0 ? errors.map(formatIssue) : problems.map((p) => `${p.path}: ${p.message}`)
    // It may not be an experiment at all (a kubeconfig named by mistake): its content stays out.
    recorder.leaveOutExperiment(options.sourceBytes)
    return notRun('EXPERIMENT_INVALID', `${options.source} is not a valid experiment: ${lines.join('; ')}`)
  }

  // A stop (a safeguard, the kill switch, a Python control's InterruptExecution) counts while the
  // method or the hypotheses may still run, not in the rollbacks.
  const recordStop = (request: StopRequest): boolean => {
    if (!stopCountsIn(recorder.progress.phase)) return false
    recorder.stopped(request, clock())
    return true
  }
  const state: RunState = {
    registry: options.registry,
    scope,
    env,
    cwd: options.cwd,
    dry: options.dry ?? null,
    clock,
    redactor,
    interrupt,
    stopRun: (reason) => stop.abort(reason),
    refs: buildRefIndex(experiment),
    measurements: recorder.measurements,
    deferred: [],
    warnings,
    emit,
    checkpoint: () => recorder.checkpoint(),
    progress: recorder.progress,
    currentPhase: 'configuration',
    safeguard: undefined,
    controls:
      controls.bridged.length === 0
        ? undefined
        : new PythonControls(controls.bridged, {
            // As the reference hands it to controls: its title substituted, its `dry` set.
            experiment: () => ({ ...experiment.source, title: recorder.title, dry: options.dry ?? null }),
            settings: () => hookSettings(options.settings, recorder),
            recordStop,
            stopCounts: () => stopCountsIn(recorder.progress.phase),
          }),
  }
  try {
    await resolveDynamicConfiguration(state, configuration.dynamic, warn)
    recorder.title =
      typeof experiment.title === 'string' ? valueText(substituteString(experiment.title, scope)) : ''
  } catch (error) {
    return notRun('INTERNAL', `could not resolve the configuration: ${errorMessage(error)}`)
  }
  if (state.dry !== 'activities') {
    const failure = await runPreflights(state, experiment)
    if (failure !== undefined) {
      state.emit({ type: 'warning', message: `cannot start: ${failure}` })
      return notRun('PREFLIGHT', `nothing was run: ${failure}`)
    }
  }
  const opened = await openSafeguard(options.safeguards, state, experiment, mode, stop, recordStop)
  if (opened.kind === 'refused') {
    state.emit({ type: 'warning', message: `cannot start: ${opened.message}` })
    return notRun(opened.code, opened.message)
  }
  if (opened.kind === 'held') {
    state.safeguard = opened.safeguard
    recorder.cluster = opened.safeguard.journalEntry
  }
  const pythonControls = state.controls
  if (pythonControls !== undefined) recorder.changedExperiment = () => pythonControls.changedExperiment()
  return { kind: 'ready', state, recorder, issues }
}

/**
 * The settings as the reference hands them to controls: the file's content with the run's
 * strategies under `runtime` (which `chaos run` writes there); null without a settings file.
 */
function hookSettings(settings: JsonObject | undefined, recorder: Recorder): JsonObject | null {
  if (settings === undefined) return null
  const runtime = isJsonObject(settings.runtime) ? settings.runtime : {}
  const section = (key: string): JsonObject => {
    const value = runtime[key]
    return isJsonObject(value) ? value : {}
  }
  return {
    ...settings,
    runtime: {
      ...runtime,
      rollbacks: { ...section('rollbacks'), strategy: recorder.rollbacks.strategy },
      hypothesis: { ...section('hypothesis'), strategy: recorder.hypothesisStrategy },
    },
  }
}

/** What the log and journal say about secrets that can only be masked as whole values. */
export function weakSecretsWarning(count: number): string {
  return (
    `${count} secret value(s) are too short or too common to be masked inside other text (fewer than 6 ` +
    'characters, a number, or a word steadystate itself writes): they are masked only where they are a whole value'
  )
}

export type { RunStatus }
