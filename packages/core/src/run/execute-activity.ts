import type { JsonValue } from '@steadystate/model'
import { substitute } from '../config/substitution.ts'
import { withDeadline } from '../deadline.ts'
import { ActivityFailedError, errorMessage } from '../errors.ts'
import { abortReason } from '../providers/process.ts'
import type { Phase } from './events.ts'
import { pause } from './pause.ts'
import { deferTo, type RunSlot, type RunState } from './run-state.ts'
import { summarizeOutput, toJsonValue } from './output.ts'
import { describeDuration } from '../timers.ts'

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Provider fields the reference never substitutes. */
const VERBATIM_PROVIDER_FIELDS = new Set([
  'type',
  'module',
  'func',
  'path',
  'method',
  'verify_tls',
  'secrets',
])

export interface ActivityResult {
  slot: RunSlot
  /** False when the activity failed (its slot carries the exception). */
  succeeded: boolean
  output: JsonValue
  error?: string
}

/** Whether the current dry-run mode skips this activity's execution. */
function skippedByDryRun(state: RunState, type: unknown): boolean {
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

/**
 * Runs one activity as the reference does: pause before, start, provider, end, pause after (the
 * journal's `end` is taken before the after-pause). `slots` receives the entry when it starts, so the
 * journal keeps start order even for background activities.
 */
export async function executeActivity(
  state: RunState,
  activity: Record<string, unknown>,
  phase: Phase,
  slots: RunSlot[],
  options: { withPauses?: boolean; background?: boolean } = {},
): Promise<ActivityResult> {
  const name = typeof activity.name === 'string' ? activity.name : '(unnamed)'
  const skipped = skippedByDryRun(state, activity.type)
  const withPauses = options.withPauses !== false && !skipped && state.dry !== 'pause'
  if (withPauses) await runPause(state, activity, 'before', name)

  const slot: RunSlot = { activity, output: null, startMicros: state.clock() }
  slots.push(slot)
  const index = slots.length - 1
  state.progress.activityStarted(name, phase, slot.startMicros)
  const provider = isRecord(activity.provider) ? activity.provider : {}
  const implementation = typeof provider.type === 'string' ? state.registry.get(provider.type) : undefined
  state.emit({
    type: 'activity-started',
    phase,
    name,
    activityType: String(activity.type),
    provider: implementation?.describe(substituteProvider(provider, state)) ?? String(provider.type),
    background: options.background === true,
  })

  let result: ActivityResult
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
  activity: Record<string, unknown>,
  phase: Phase,
  slot: RunSlot,
  index: number,
): Promise<ActivityResult> {
  const name = typeof activity.name === 'string' ? activity.name : '(unnamed)'
  const provider = isRecord(activity.provider) ? activity.provider : {}
  const implementation = typeof provider.type === 'string' ? state.registry.get(provider.type) : undefined
  // The activity's own deadline, if it declares one (see withDeadline for why not AbortSignal.timeout).
  const deadline =
    typeof activity.timeout === 'number' && activity.timeout > 0
      ? withDeadline(state.interrupt, activity.timeout * 1000)
      : undefined
  const signal = deadline?.signal ?? state.interrupt
  try {
    if (implementation === undefined)
      throw new ActivityFailedError(`unknown provider type '${String(provider.type)}'`)
    if (state.interrupt.aborted) throw new ActivityFailedError('not started: the run was interrupted')
    const output = toJsonValue(
      await implementation.run(substituteProvider(provider, state), {
        activityName: name,
        activityType: activity.type === 'action' ? 'action' : 'probe',
        configuration: state.scope.configuration,
        secrets: state.scope.secrets,
        env: state.env,
        cwd: state.cwd,
        signal,
        log: {
          info: (message) => state.emit({ type: 'activity-log', name, level: 'info', message }),
          warn: (message) => state.emit({ type: 'activity-log', name, level: 'warn', message }),
        },
        defer: deferTo(state),
        measure: (kind, data) =>
          state.measurements.push({ phase: phaseKey(phase), index, activity: name, kind, data }),
      }),
    )
    slot.output = output
    slot.status = 'succeeded'
    return { slot, succeeded: true, output }
  } catch (error) {
    const timedOut = signal.aborted && !state.interrupt.aborted
    const message = timedOut
      ? `activity took longer than its timeout of ${String(activity.timeout)} s`
      : state.interrupt.aborted && !(error instanceof ActivityFailedError)
        ? `stopped: ${abortReason(state.interrupt)}`
        : errorMessage(error)
    slot.status = 'failed'
    slot.exception = exceptionLines(name, implementation?.describe(provider) ?? '', message, error)
    return { slot, succeeded: false, output: null, error: message }
  } finally {
    deadline?.clear()
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

/** Substitutes `${…}` where the reference does: everything but a few verbatim provider fields. */
export function substituteProvider(
  provider: Record<string, unknown>,
  state: RunState,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(provider)) {
    const verbatim = VERBATIM_PROVIDER_FIELDS.has(key) || (key === 'timeout' && provider.type === 'process')
    out[key] = verbatim ? value : substitute(value, state.scope)
  }
  return out
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
  activity: Record<string, unknown>,
  when: 'before' | 'after',
  name: string,
): Promise<void> {
  const pauses = isRecord(activity.pauses) ? activity.pauses : undefined
  if (pauses === undefined || pauses[when] === undefined) return
  const value = substitute(pauses[when], state.scope)
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

async function describeDryRun(
  state: RunState,
  activity: Record<string, unknown>,
  name: string,
): Promise<void> {
  const provider = isRecord(activity.provider) ? activity.provider : {}
  if (provider.type !== 'python' || typeof provider.module !== 'string' || typeof provider.func !== 'string')
    return
  const pending = state.registry.modules.implementation(provider.module)
  if (pending === undefined) return
  try {
    const dryRun = (await pending).dryRun?.[provider.func]
    if (dryRun === undefined) return
    const substituted = substituteProvider(provider, state)
    const message = await dryRun((substituted.arguments ?? {}) as Record<string, unknown>, {
      activityName: name,
      activityType: activity.type === 'action' ? 'action' : 'probe',
      configuration: state.scope.configuration,
      secrets: state.scope.secrets,
      env: state.env,
      cwd: state.cwd,
      signal: state.interrupt,
      log: {
        info: (text) => state.emit({ type: 'activity-log', name, level: 'info', message: text }),
        warn: (text) => state.emit({ type: 'activity-log', name, level: 'warn', message: text }),
      },
      measure: () => undefined,
      defer: () => undefined,
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
