import { isJsonObject, type Activity, type JsonObject, type JsonValue } from '@steadystate/model'
import { isEmptyScope, substituteObject } from '../../config/substitution.ts'
import { assertNever } from '../../errors.ts'
import { normalizeActivityFields } from '../../experiment/normalize.ts'
import { standaloneDeadline } from '../../deadline.ts'
import { abortReason } from '../../providers/process.ts'
import type {
  ActivityListName,
  ActivityPosition,
  ControlChanges,
  ControlContext,
} from '../../providers/python-bridge/protocol.ts'
import { toJsonValue } from '../../run/output.ts'
import type { RunState } from '../../run/run-state.ts'
import type { StopRequest } from '../../safeguard/types.ts'
import type { BridgedControl } from '../decide.ts'
import { contextControls, hookName, inScope, type HookLevel, type HookScope } from './context-controls.ts'
import {
  describe,
  failClosed,
  hookLog,
  interrupted,
  refuseUnvalidatedActivity,
  stopForAddedControl,
} from './hook-outcomes.ts'
import { canonicalText, LiveExperiment } from './live-experiment.ts'

/** How long a hook may take once the run is interrupted: the rollbacks wait for it. */
export const HOOK_AFTER_INTERRUPT_MS = 10_000

/** What the controls of a run share with every hook (see worker_controls.py's ControlRun). */
export interface ControlsRun {
  /** The experiment as the reference hands it to controls (asked once the title is substituted). */
  experiment: () => JsonObject
  /** The settings as the reference passes them (`settings`), or null without a settings file. */
  settings: () => JsonObject | null
  /**
   * Records a stop in the journal (`steadystate.stop`), as a safeguard's trip is; false when the
   * run is past the phases a stop counts in (the rollbacks).
   */
  recordStop: (request: StopRequest) => boolean
  /** False once the rollbacks have begun: a hook can no longer stop the run (they go on). */
  stopCounts: () => boolean
}

/** The activity hooks are given, where it sits, and whether a hook changed it. */
interface ActivityInHooks {
  json: JsonObject
  at: ActivityPosition | null
  changed: boolean
}

/**
 * The run's Python controls: configured first, each hook called at the moment and with the
 * arguments chaostoolkit-lib uses (control/__init__.py, control/python.py), cleaned up last. A hook
 * raising InterruptExecution stops the run through its interruption path (rollbacks still run) and
 * is recorded as the run's stop; any other exception is a warning and the run goes on, as in the
 * reference. What hooks change in the experiment or an activity is what runs (see LiveExperiment).
 * A worker that dies under the controls stops the run: checks declared for safety no longer run
 * (safety fails closed).
 */
export class PythonControls {
  /** By declaration: the entries the experiment's lists hold are these same objects. */
  private readonly byDeclaration = new Map<JsonObject, BridgedControl>()
  /** By content: the entries of an experiment a control changed are copies the worker sent back. */
  private readonly byText = new Map<string, BridgedControl>()
  /** Global controls whose configure_control failed: the reference deregisters them. */
  private readonly dropped = new Set<BridgedControl>()
  private readonly live: LiveExperiment
  /** Controls added by controls, already refused. */
  private readonly refused = new Set<string>()
  private ready: Promise<void> | undefined
  private readyGeneration: number | undefined

  constructor(
    private readonly controls: readonly BridgedControl[],
    private readonly run: ControlsRun,
  ) {
    this.live = new LiveExperiment(run.experiment)
    for (const control of controls) {
      this.byDeclaration.set(control.control.declaration, control)
      const text = canonicalText(control.control.declaration)
      if (!this.byText.has(text)) this.byText.set(text, control)
    }
  }

  /** The experiment as the controls left it; undefined while none changed it. */
  changedExperiment(): JsonObject | undefined {
    return this.live.changedJson()
  }

  /** A list of the experiment as the controls left it; undefined while none changed the experiment. */
  entries(list: ActivityListName): ReturnType<LiveExperiment['entries']> {
    return this.live.entries(list)
  }

  /** Configures every control (global ones first), once the worker holds the run's context. */
  async configure(state: RunState): Promise<void> {
    await this.ensureRun(state)
  }

  /** The `before` hooks of a level other than an activity's. */
  async before(state: RunState, level: Exclude<HookLevel, 'activity'>): Promise<void> {
    await this.apply(state, level, 'before', null, undefined)
  }

  /** The `after` hooks, given the level's `state` (a journal, the runs, a steady state). */
  async after(state: RunState, level: Exclude<HookLevel, 'activity'>, result: unknown): Promise<void> {
    await this.apply(state, level, 'after', this.masked(state, result), undefined)
  }

  /**
   * The before_activity_control hooks; the activity to run, as they left it (the reference runs the
   * activity object its hooks were given, read as loaded activities are).
   */
  async beforeActivity(
    state: RunState,
    activity: Activity,
    at: ActivityPosition | null,
  ): Promise<Activity | undefined> {
    const given: ActivityInHooks = { json: activity.source, at, changed: false }
    await this.apply(state, 'activity', 'before', null, given)
    const actual = given.changed ? normalizeActivityFields(given.json) : activity
    // Undefined: refused, it does not run (an activity a control changed or added, see LiveExperiment).
    if (actual.source.provider !== undefined && !this.live.isValidatedProvider(actual.source.provider)) {
      refuseUnvalidatedActivity(state, actual, this.run.stopCounts)
      return undefined
    }
    return actual
  }

  /** The after_activity_control hooks, given the activity's run (null when it did not start). */
  async afterActivity(
    state: RunState,
    activity: Activity,
    at: ActivityPosition | null,
    run: unknown,
  ): Promise<void> {
    await this.apply(state, 'activity', 'after', this.masked(state, run), {
      json: activity.source,
      at,
      changed: false,
    })
  }

  /** Masked like the journal: a control that publishes its state publishes no secret. */
  private masked(state: RunState, result: unknown): JsonValue {
    return toJsonValue(state.redactor.data(result))
  }

  /** `cleanup_control` of each experiment control (once per name), then of the global ones. */
  async cleanup(state: RunState): Promise<void> {
    for (const control of [...this.experimentControlsByName(), ...this.globals()])
      if (control.hooks.has('cleanup_control'))
        await this.call(state, control, 'cleanup_control', { kind: 'experiment' }, null)
  }

  private async apply(
    state: RunState,
    level: HookLevel,
    scope: HookScope,
    result: JsonValue,
    activity: ActivityInHooks | undefined,
  ): Promise<void> {
    const hook = hookName(level, scope)
    const experiment = this.live.json()
    const hypothesis = experiment['steady-state-hypothesis']
    const own =
      level === 'activity'
        ? activity?.json.controls
        : level === 'hypothesis'
          ? isJsonObject(hypothesis)
            ? hypothesis.controls
            : undefined
          : experiment.controls
    const globals = this.globals().map((control) => control.control.declaration)
    for (const entry of contextControls(level, experiment.controls, own, globals)) {
      const control = this.byDeclaration.get(entry) ?? this.byText.get(canonicalText(entry))
      if (control === undefined) {
        this.refuseAdded(state, entry, hook)
        continue
      }
      if (!inScope(entry, scope) || !control.hooks.has(hook)) continue
      if (this.dropped.has(control)) continue
      const context: ControlContext =
        level === 'activity'
          ? { kind: 'activity', activity: activity?.json ?? {}, at: activity?.at ?? null }
          : level === 'hypothesis'
            ? { kind: 'hypothesis' }
            : { kind: 'experiment' }
      const changes = await this.call(state, control, hook, context, result)
      if (changes?.experiment !== undefined) this.live.update(changes.experiment, describe(control))
      if (changes?.activity !== undefined && activity !== undefined) {
        activity.json = changes.activity
        activity.changed = true
      }
    }
  }

  /**
   * A control that is not one of the run's Python controls: a native or skipped one is not called
   * here; one a control added to the experiment was never validated, so the run stops, naming both.
   */
  private refuseAdded(state: RunState, entry: JsonObject, hook: string): void {
    const addedBy = this.live.addedBy(entry)
    if (addedBy === undefined || this.refused.has(canonicalText(entry))) return
    this.refused.add(canonicalText(entry))
    stopForAddedControl(state, addedBy, entry, hook)
  }

  /** Global controls still registered, in their order. */
  private globals(): BridgedControl[] {
    return this.controls.filter((c) => c.control.level === 'global' && !this.dropped.has(c))
  }

  /** The experiment's controls the reference configures and cleans up: the first of each name. */
  private experimentControlsByName(): BridgedControl[] {
    const seen = new Set<string>()
    const first: BridgedControl[] = []
    for (const control of this.controls) {
      const name = control.control.name
      if (control.control.level === 'global' || name === '' || seen.has(name)) continue
      seen.add(name)
      first.push(control)
    }
    return first
  }

  /**
   * Tells the worker the run's context and configures the controls, again when a new worker took
   * over (one was killed at an activity's timeout or an interruption): what the controls kept in
   * memory is lost then, which the log says.
   */
  private ensureRun(state: RunState): Promise<void> {
    const bridge = state.registry.python
    const current =
      this.ready !== undefined &&
      (this.readyGeneration === undefined || (bridge.started && this.readyGeneration === bridge.generation))
    if (current && this.ready !== undefined) return this.ready
    const again = this.ready !== undefined
    this.readyGeneration = undefined
    this.ready = (async () => {
      if (again)
        state.emit({
          type: 'warning',
          message:
            'a new Python worker took over: the Python controls are configured again (what they kept in memory is lost)',
        })
      await bridge.request(
        {
          type: 'control-run',
          experiment: this.live.json(),
          configuration: state.scope.configuration,
          secrets: state.scope.secrets,
          settings: this.run.settings(),
        },
        { env: state.env, cwd: state.cwd, log: hookLog(state) },
      )
      this.readyGeneration = bridge.generation
      for (const control of [...this.globals(), ...this.experimentControlsByName()])
        if (control.hooks.has('configure_control')) {
          const changes = await this.send(state, control, 'configure_control', { kind: 'experiment' }, null)
          if (changes?.experiment !== undefined) this.live.update(changes.experiment, describe(control))
        }
    })()
    return this.ready
  }

  private async call(
    state: RunState,
    control: BridgedControl,
    hook: string,
    context: ControlContext,
    result: JsonValue,
  ): Promise<ControlChanges | undefined> {
    try {
      await this.ensureRun(state)
    } catch (error) {
      failClosed(state, control, hook, error, this.run.stopCounts)
      return undefined
    }
    return this.send(state, control, hook, context, result)
  }

  private async send(
    state: RunState,
    control: BridgedControl,
    hook: string,
    context: ControlContext,
    result: JsonValue,
  ): Promise<ControlChanges | undefined> {
    const declared = control.control.declaration.provider
    const given = isJsonObject(declared) && isJsonObject(declared.arguments) ? declared.arguments : {}
    // configure_control gets its arguments as written; the other hooks substituted (when there is
    // configuration or secrets), as in the reference.
    const args =
      hook === 'configure_control' || isEmptyScope(state.scope) ? given : substituteObject(given, state.scope)
    // A hook after an interruption still runs (the reference calls `after` hooks in a `finally`),
    // but on a deadline of its own: the rollbacks wait for it, and a hook that hangs must not keep
    // them from running (the worker is stopped at the deadline).
    const afterInterrupt = state.interrupt.aborted ? standaloneDeadline(HOOK_AFTER_INTERRUPT_MS) : undefined
    const signal = afterInterrupt?.signal ?? state.interrupt
    let answer
    try {
      answer = await state.registry.python.request(
        {
          type: 'control',
          module: control.control.module,
          hook,
          arguments: args,
          context,
          state: result,
          global: control.control.level === 'global',
        },
        { env: state.env, cwd: state.cwd, log: hookLog(state), signal },
      )
    } catch (error) {
      if (signal.aborted)
        state.emit({
          type: 'warning',
          message:
            afterInterrupt === undefined
              ? `${describe(control)}: ${hook} was cut short with the run (${abortReason(signal)})`
              : `${describe(control)}: ${hook} was stopped after the run was interrupted (${abortReason(signal)}), so that what follows (the rollbacks) can run`,
        })
      else failClosed(state, control, hook, error, this.run.stopCounts)
      return undefined
    } finally {
      afterInterrupt?.clear()
    }
    if (answer.type !== 'controlled') {
      failClosed(
        state,
        control,
        hook,
        new Error(`the Python worker answered '${answer.type}'`),
        this.run.stopCounts,
      )
      return undefined
    }
    const outcome = answer.outcome
    // What the hook changed counts whatever its outcome: the reference's dicts keep the change.
    switch (outcome.kind) {
      case 'done':
        break
      case 'failed':
        if (hook === 'configure_control' && control.control.level === 'global') this.dropped.add(control)
        state.emit({
          type: 'warning',
          message: `${describe(control)} failed in ${hook}: ${outcome.error}; the run goes on${
            this.dropped.has(control) ? ' without it (a global control that cannot be configured)' : ''
          }`,
        })
        break
      case 'interrupt':
        if (interrupted(state, control, hook, outcome.message, this.run) === 'ignored')
          if (hook === 'configure_control' && control.control.level === 'global') this.dropped.add(control)
        break
      case 'unsupported':
        // What it meant to do (often a safety check of its own) cannot happen: the run refuses.
        failClosed(state, control, hook, new Error(outcome.error), this.run.stopCounts)
        break
      default:
        assertNever(outcome)
    }
    return {
      ...(outcome.experiment === undefined ? {} : { experiment: outcome.experiment }),
      ...(outcome.activity === undefined ? {} : { activity: outcome.activity }),
    }
  }
}
