import { isJsonObject, type JsonObject, type JsonValue } from '@steadystate/model'
import { isEmptyScope, substituteObject } from '../../config/substitution.ts'
import { errorMessage } from '../../errors.ts'
import { abortReason } from '../../providers/process.ts'
import type { ActivityLog } from '../../providers/types.ts'
import type { ControlContext } from '../../providers/python-bridge/protocol.ts'
import { toJsonValue } from '../../run/output.ts'
import type { RunState } from '../../run/run-state.ts'
import type { BridgedControl } from '../decide.ts'
import { contextControls, hookName, inScope, type HookLevel, type HookScope } from './context-controls.ts'

/** What the controls of a run share with every hook (see worker_controls.py's ControlRun). */
export interface ControlsRun {
  /** The experiment as the reference hands it to controls (asked once the title is substituted). */
  experiment: () => JsonObject
  /** The settings as the reference passes them (`settings`), or null without a settings file. */
  settings: () => JsonObject | null
}

/** A control, named as log lines and the journal name it. */
function describe(control: BridgedControl): string {
  return `control '${control.control.name}' (${control.control.module})`
}

/**
 * The run's Python controls: configured first, each hook called at the moment and with the
 * arguments chaostoolkit-lib uses (control/__init__.py, control/python.py), cleaned up last. A hook
 * raising InterruptExecution stops the run through its interruption path (rollbacks still run); any
 * other exception is a warning and the run goes on, as in the reference. A worker that dies under
 * the controls stops the run: checks declared for safety no longer run (safety fails closed).
 */
export class PythonControls {
  /** By declaration: the entries the experiment's lists hold are these same objects. */
  private readonly byDeclaration = new Map<JsonObject, BridgedControl>()
  /** Global controls whose configure_control failed: the reference deregisters them. */
  private readonly dropped = new Set<BridgedControl>()
  private readonly saidChanged = new Set<BridgedControl>()
  private ready: Promise<void> | undefined
  private readyGeneration: number | undefined

  constructor(
    private readonly controls: readonly BridgedControl[],
    private readonly run: ControlsRun,
  ) {
    for (const control of controls) this.byDeclaration.set(control.control.declaration, control)
  }

  /** Configures every control (global ones first), once the worker holds the run's context. */
  async configure(state: RunState): Promise<void> {
    await this.ensureRun(state)
  }

  /** The `before` hooks of a level; `activity` is the activity's declaration at activity level. */
  async before(state: RunState, level: HookLevel, activity?: JsonObject): Promise<void> {
    await this.apply(state, level, 'before', null, activity)
  }

  /** The `after` hooks, given the level's `state` (a journal, a run, the runs, a steady state). */
  async after(state: RunState, level: HookLevel, result: unknown, activity?: JsonObject): Promise<void> {
    // Masked like the journal: a control that publishes its state publishes no secret.
    await this.apply(state, level, 'after', toJsonValue(state.redactor.data(result)), activity)
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
    activity: JsonObject | undefined,
  ): Promise<void> {
    const hook = hookName(level, scope)
    const experiment = this.run.experiment()
    const hypothesis = experiment['steady-state-hypothesis']
    const own =
      level === 'activity'
        ? activity?.controls
        : level === 'hypothesis'
          ? isJsonObject(hypothesis)
            ? hypothesis.controls
            : undefined
          : experiment.controls
    const globals = this.globals().map((control) => control.control.declaration)
    const context: ControlContext =
      level === 'activity'
        ? { kind: 'activity', activity: activity ?? {} }
        : level === 'hypothesis'
          ? { kind: 'hypothesis' }
          : { kind: 'experiment' }
    for (const entry of contextControls(level, experiment.controls, own, globals)) {
      const control = this.byDeclaration.get(entry)
      if (control === undefined || !inScope(entry, scope) || !control.hooks.has(hook)) continue
      if (this.dropped.has(control)) continue
      await this.call(state, control, hook, context, result)
    }
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
          experiment: this.run.experiment(),
          configuration: state.scope.configuration,
          secrets: state.scope.secrets,
          settings: this.run.settings(),
        },
        { env: state.env, cwd: state.cwd, log: this.log(state) },
      )
      this.readyGeneration = bridge.generation
      for (const control of [...this.globals(), ...this.experimentControlsByName()])
        if (control.hooks.has('configure_control'))
          await this.send(state, control, 'configure_control', { kind: 'experiment' }, null)
    })()
    return this.ready
  }

  private async call(
    state: RunState,
    control: BridgedControl,
    hook: string,
    context: ControlContext,
    result: JsonValue,
  ): Promise<void> {
    try {
      await this.ensureRun(state)
    } catch (error) {
      this.failClosed(state, control, hook, error)
      return
    }
    await this.send(state, control, hook, context, result)
  }

  private async send(
    state: RunState,
    control: BridgedControl,
    hook: string,
    context: ControlContext,
    result: JsonValue,
  ): Promise<void> {
    const declared = control.control.declaration.provider
    const given = isJsonObject(declared) && isJsonObject(declared.arguments) ? declared.arguments : {}
    // configure_control gets its arguments as written; the other hooks substituted (when there is
    // configuration or secrets), as in the reference.
    const args =
      hook === 'configure_control' || isEmptyScope(state.scope) ? given : substituteObject(given, state.scope)
    // A hook after an interruption still runs (the reference calls `after` hooks in a `finally`).
    const signal = state.interrupt.aborted ? undefined : state.interrupt
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
        { env: state.env, cwd: state.cwd, log: this.log(state), ...(signal === undefined ? {} : { signal }) },
      )
    } catch (error) {
      if (signal?.aborted === true)
        state.emit({
          type: 'warning',
          message: `${describe(control)}: ${hook} was cut short with the run (${abortReason(signal)})`,
        })
      else this.failClosed(state, control, hook, error)
      return
    }
    if (answer.type !== 'controlled') {
      this.failClosed(state, control, hook, new Error(`the Python worker answered '${answer.type}'`))
      return
    }
    const outcome = answer.outcome
    switch (outcome.kind) {
      case 'done':
        if (outcome.changedExperiment === true) this.changedExperiment(state, control, hook)
        return
      case 'failed':
        if (hook === 'configure_control' && control.control.level === 'global') this.dropped.add(control)
        state.emit({
          type: 'warning',
          message: `${describe(control)} failed in ${hook}: ${outcome.error}; the run goes on${
            this.dropped.has(control) ? ' without it (a global control that cannot be configured)' : ''
          }`,
        })
        return
      case 'interrupt':
        this.interrupted(state, control, hook, outcome.message)
    }
  }

  /**
   * The hook changed the experiment (chaosaddons.controls.repeat adds activities this way): in the
   * reference the run would follow the change; steadystate runs the experiment as validated, and
   * says so once per control.
   */
  private changedExperiment(state: RunState, control: BridgedControl, hook: string): void {
    if (this.saidChanged.has(control)) return
    this.saidChanged.add(control)
    state.emit({
      type: 'warning',
      message: `${describe(control)} changed the experiment in ${hook}; steadystate runs the experiment as it was validated and does not apply changes controls make to it`,
    })
  }

  /** A hook raised InterruptExecution: where the reference stops the run, steadystate does too. */
  private interrupted(state: RunState, control: BridgedControl, hook: string, message: string): void {
    const what = `${describe(control)} interrupted the run in ${hook}: ${message}`
    // The reference ignores it while configuring controls and once the run has ended.
    if (hook === 'configure_control' || hook === 'after_experiment_control' || hook === 'cleanup_control') {
      if (hook === 'configure_control' && control.control.level === 'global') this.dropped.add(control)
      state.emit({ type: 'warning', message: `${what}; ignored there, as chaos run ignores it` })
      return
    }
    state.emit({ type: 'warning', message: `${what}; stopping the run` })
    state.stopRun?.(new Error(what))
  }

  /** The controls cannot run any more: the run stops (what was declared for safety is honoured). */
  private failClosed(state: RunState, control: BridgedControl, hook: string, error: unknown): void {
    const what = `${describe(control)} could not run ${hook}: ${errorMessage(error)}`
    if (hook === 'after_experiment_control' || hook === 'cleanup_control') {
      state.emit({ type: 'warning', message: what })
      return
    }
    state.emit({ type: 'warning', message: `${what}; stopping the run, as its checks can no longer run` })
    state.stopRun?.(new Error(what))
  }

  /** Where the worker's prints and logging go while a hook runs. */
  private log(state: RunState): ActivityLog {
    return {
      info: (message) => state.emit({ type: 'info', message }),
      warn: (message) => state.emit({ type: 'warning', message }),
    }
  }
}
