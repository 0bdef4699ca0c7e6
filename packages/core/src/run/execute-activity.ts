import {
  activityName,
  isMalformed,
  type Activity,
  type ActivityType,
  type JsonValue,
  type Malformed,
} from '@steadystate/model'
import { substitute } from '../config/substitution.ts'
import { withDeadline } from '../deadline.ts'
import { ActivityFailedError, errorMessage } from '../errors.ts'
import { abortReason } from '../providers/process.ts'
import type { ActivityLog } from '../providers/types.ts'
import type { Phase } from './events.ts'
import { pause } from './pause.ts'
import { providerContext, providerTypeText, substituteProvider } from './provider-call.ts'
import type { RunSlot, RunState } from './run-state.ts'
import type { ActivityPosition } from '../providers/python-bridge/protocol.ts'
import { summarizeOutput, toJsonValue } from './output.ts'
import { slotToRun } from '../journal/assemble.ts'
import { describeDuration } from '../timers.ts'
import { valueText } from '../text/value-text.ts'

export interface ActivityResult {
  /** The activity that ran: the one given, or what its Python controls' before hooks made of it. */
  activity: Activity
  slot: RunSlot
  /** False when the activity failed (its slot carries the exception). */
  succeeded: boolean
  output: JsonValue
  error?: string
}

/** Whether the current dry-run mode skips this activity's execution. */
function skippedByDryRun(state: RunState, type: ActivityType | Malformed): boolean {
  switch (state.dry) {
    case null:
    case 'pause':
      return false
    case 'activities':
      return true
    case 'probes':
      return type === 'probe'
    case 'actions':
      return type === 'action'
  }
}

export interface ExecuteOptions {
  withPauses?: boolean
  background?: boolean
  /** Where the activity sits in the experiment (its Python controls get that object). */
  at?: ActivityPosition
}

/**
 * Runs one activity as the reference does: pause before, start, provider, end, pause after (the
 * journal's `end` is taken before the after-pause). `slots` receives the entry when it starts, so the
 * journal keeps start order even for background activities. Undefined when a Python control's
 * before hook stopped the run: the activity never started and, as in the reference, has no entry.
 */
export async function executeActivity(
  state: RunState,
  activity: Activity,
  phase: Phase,
  slots: RunSlot[],
  options: ExecuteOptions = {},
): Promise<ActivityResult | undefined> {
  const controls = state.controls
  if (controls === undefined)
    return { activity, ...(await executeWithinControls(state, activity, phase, slots, options)) }
  // Python controls wrap the whole activity, pauses included, as the reference's do; the activity
  // that runs is the one their before hooks leave (chaosaddons' bypass and repeat change it).
  const at = options.at ?? null
  const stoppedBefore = state.interrupt.aborted
  const actual = await controls.beforeActivity(state, activity, at)
  if (actual === undefined || (!stoppedBefore && state.interrupt.aborted)) {
    await controls.afterActivity(state, actual ?? activity, at, null)
    return undefined
  }
  const result = await executeWithinControls(state, actual, phase, slots, options)
  await controls.afterActivity(state, actual, at, slotToRun(result.slot, false))
  return { activity: actual, ...result }
}

/** How an activity went, before it is known which activity that was. */
type Outcome = Omit<ActivityResult, 'activity'>

async function executeWithinControls(
  state: RunState,
  activity: Activity,
  phase: Phase,
  slots: RunSlot[],
  options: ExecuteOptions,
): Promise<Outcome> {
  const name = activityName(activity)
  const skipped = skippedByDryRun(state, activity.type)
  const withPauses = options.withPauses !== false && !skipped && state.dry !== 'pause'
  if (withPauses) await runPause(state, activity, 'before', name)

  const slot: RunSlot = { activity: activity.source, output: null, startMicros: state.clock() }
  slots.push(slot)
  const index = slots.length - 1
  state.progress.activityStarted(name, phase, slot.startMicros)
  state.emit({
    type: 'activity-started',
    phase,
    name,
    activityType: isMalformed(activity.type) ? valueText(activity.type.value) : activity.type,
    provider: describeProvider(state, activity, true),
    background: options.background === true,
  })

  let result: Outcome
  if (skipped) {
    slot.status = 'succeeded'
    result = { slot, succeeded: true, output: null }
    await describeDryRun(state, activity, name)
  } else {
    result = await runProvider(state, activity, phase, slot, index)
  }
  slot.endMicros = state.clock()
  state.emit({
    type: 'activity-finished',
    phase,
    name,
    status: skipped ? 'skipped' : result.succeeded ? 'succeeded' : 'failed',
    seconds: (slot.endMicros - slot.startMicros) / 1e6,
    ...(result.error === undefined ? {} : { error: result.error }),
    // Summarised once masked: a whole-value secret is no longer whole inside the summary's text.
    ...(result.succeeded && !skipped
      ? { outputSummary: summarizeOutput(state.redactor.data(result.output)) }
      : {}),
  })
  state.progress.activityFinished(phase)
  if (withPauses) await runPause(state, activity, 'after', name)
  return result
}

async function runProvider(
  state: RunState,
  activity: Activity,
  phase: Phase,
  slot: RunSlot,
  index: number,
): Promise<Outcome> {
  const name = activityName(activity)
  const declared = isMalformed(activity.provider) ? undefined : activity.provider
  // The activity's own deadline, if it declares one (see withDeadline for why not AbortSignal.timeout).
  const timeout = activity.timeout
  const deadline =
    typeof timeout === 'number' && timeout > 0 ? withDeadline(state.interrupt, timeout * 1000) : undefined
  const signal = deadline?.signal ?? state.interrupt
  try {
    const bound =
      declared === undefined ? undefined : state.registry.bind(substituteProvider(declared, state.scope))
    if (bound === undefined)
      throw new ActivityFailedError(`unknown provider type '${providerTypeText(activity.provider)}'`)
    if (state.interrupt.aborted) throw new ActivityFailedError('not started: the run was interrupted')
    const output = toJsonValue(
      await bound.run(
        providerContext(state, {
          name,
          type: typeOf(activity),
          signal,
          log: activityLog(state, name),
          measure: (kind, data) =>
            state.measurements.push({ phase: phaseKey(phase), index, activity: name, kind, data }),
        }),
      ),
    )
    slot.output = output
    slot.status = 'succeeded'
    return { slot, succeeded: true, output }
  } catch (error) {
    const timedOut = signal.aborted && !state.interrupt.aborted
    const message = timedOut
      ? `activity took longer than its timeout of ${valueText(timeout)} s`
      : state.interrupt.aborted && !(error instanceof ActivityFailedError)
        ? `stopped: ${abortReason(state.interrupt)}`
        : errorMessage(error)
    slot.status = 'failed'
    slot.exception = exceptionLines(name, describeProvider(state, activity, false), message, error)
    return { slot, succeeded: false, output: null, error: message }
  } finally {
    deadline?.clear()
  }
}

/** The activity's provider as the log says it (substituted) or its exception does (as declared). */
function describeProvider(state: RunState, activity: Activity, substituted: boolean): string {
  const declared = activity.provider
  if (isMalformed(declared)) return substituted ? providerTypeText(declared) : ''
  const bound = state.registry.bind(substituted ? substituteProvider(declared, state.scope) : declared)
  if (bound === undefined) return substituted ? providerTypeText(declared) : ''
  return bound.describe()
}

/** What a provider is told the activity is: an action only when it says so. */
function typeOf(activity: Activity): ActivityType {
  return activity.type === 'action' ? 'action' : 'probe'
}

/** An activity's log lines become events of the run. */
function activityLog(state: RunState, name: string): ActivityLog {
  return {
    info: (message) => state.emit({ type: 'activity-log', name, level: 'info', message }),
    warn: (message) => state.emit({ type: 'activity-log', name, level: 'warn', message }),
  }
}

/** The journal key of a phase (`run`, `rollbacks`, `steady_states.before`, …). */
export function phaseKey(phase: Phase): string {
  switch (phase) {
    case 'method':
      return 'run'
    case 'rollbacks':
      return 'rollbacks'
    case 'before':
    case 'after':
    case 'during':
      return `steady_states.${phase}`
  }
}

/** Traceback-shaped lines whose last line matches the reference (`chaoslib.exceptions.ActivityFailed: …`). */
function exceptionLines(name: string, provider: string, message: string, error: unknown): string[] {
  const own = error instanceof Error ? error.message : undefined
  // A Python activity's own traceback, as the reference writes it (its last line is the message).
  if (error instanceof ActivityFailedError && error.traceback !== undefined && own === message)
    return [...error.traceback]
  const lines = [`steadystate: activity '${name}' failed${provider === '' ? '' : ` (${provider})`}\n`]
  // What the provider said when the run's message is another (a timeout that stopped a worker).
  if (own !== undefined && own !== message) lines.push(`  ${own}\n`)
  const cause = error instanceof Error ? error.cause : undefined
  if (cause instanceof Error && cause.message !== message)
    lines.push(`  caused by ${cause.name}: ${cause.message}\n`)
  lines.push(`chaoslib.exceptions.ActivityFailed: ${message}\n`)
  return lines
}

async function runPause(
  state: RunState,
  activity: Activity,
  when: 'before' | 'after',
  name: string,
): Promise<void> {
  const pauses = activity.pauses
  const declared = pauses === undefined || isMalformed(pauses) ? undefined : pauses[when]
  if (declared === undefined) return
  const value = substitute(declared, state.scope)
  const seconds = typeof value === 'number' ? value : Number(value)
  if (!Number.isFinite(seconds) || seconds <= 0) {
    if (seconds !== 0)
      state.emit({
        type: 'warning',
        message: `activity '${name}': pause ${when} ${describeDuration(value)} is not a finite number of seconds, 0 or more; not pausing`,
      })
    return
  }
  state.emit({ type: 'pause', name, when, seconds, remaining: seconds })
  await pause(seconds, state.interrupt, (remaining) =>
    state.emit({ type: 'pause', name, when, seconds, remaining }),
  )
}

async function describeDryRun(state: RunState, activity: Activity, name: string): Promise<void> {
  const declared = activity.provider
  if (isMalformed(declared) || declared.kind !== 'python') return
  const { module, func } = declared
  if (isMalformed(module) || isMalformed(func)) return
  const pending = state.registry.modules.implementation(module)
  if (pending === undefined) return
  try {
    const dryRun = (await pending).dryRun?.[func]
    if (dryRun === undefined) return
    const substituted = substituteProvider(declared, state.scope)
    const args =
      substituted.kind === 'python' && !isMalformed(substituted.arguments) ? substituted.arguments : undefined
    const message = await dryRun(args ?? {}, {
      ...providerContext(state, {
        name,
        type: typeOf(activity),
        log: activityLog(state, name),
        defer: () => undefined,
      }),
      scopedSecrets: undefined,
    })
    state.emit({ type: 'activity-log', name, level: 'info', message: `dry run: ${message}` })
  } catch (error) {
    state.emit({
      type: 'activity-log',
      name,
      level: 'warn',
      message: `dry run could not describe this activity: ${errorMessage(error)}`,
    })
  }
}
