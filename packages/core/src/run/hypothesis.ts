import type { JsonValue } from '@steadystate/model'
import { substitute, substituteString } from '../config/substitution.ts'
import { errorMessage } from '../errors.ts'
import { pyTruthy } from '../python.ts'
import { evaluateTolerance, isProbeTolerance, type ToleranceVerdict } from '../tolerance/index.ts'
import type { Phase } from './events.ts'
import { executeActivity, substituteProvider } from './execute-activity.ts'
import { resolveActivity } from './refs.ts'
import { deferTo, type RunSlot, type RunState } from './run-state.ts'
import { summarizeOutput } from './output.ts'

export interface HypothesisResult {
  /** null when the hypothesis has no probes (the reference then skips it). */
  met: boolean | null
  probes: RunSlot[]
  /** A probe failed to run (not merely missed its tolerance). */
  errored: boolean
  /** Why the hypothesis was not met, for logs and the verdict. */
  reason?: string
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * Runs the probes in order; the first failed or unmet probe ends the hypothesis (later probes do not
 * run), as in the reference. Dry runs of probes or activities count tolerances as met.
 */
export async function runHypothesis(
  state: RunState,
  hypothesis: unknown,
  phase: Phase,
): Promise<HypothesisResult> {
  const probes = isRecord(hypothesis) && Array.isArray(hypothesis.probes) ? hypothesis.probes : []
  const result: HypothesisResult = { met: null, probes: [], errored: false }
  if (probes.length === 0) return result
  const title = isRecord(hypothesis) && typeof hypothesis.title === 'string' ? hypothesis.title : ''
  state.emit({ type: 'phase-started', phase, title, count: probes.length })
  result.met = true
  for (const entry of probes) {
    if (state.interrupt.aborted) {
      result.met = false
      result.reason = 'interrupted'
      break
    }
    const activity = resolveActivity(state, entry)
    if (activity === undefined) {
      // The reference crashes here; validation reports it, so this only happens with --no-validation.
      result.met = false
      result.errored = true
      result.reason = `could not find referenced activity '${String((entry as Record<string, unknown>).ref)}'`
      state.emit({ type: 'warning', message: result.reason })
      break
    }
    const tolerance =
      isRecord(entry) && Object.hasOwn(entry, 'tolerance') ? entry.tolerance : activity.tolerance
    const run = await executeActivity(state, activity, phase, result.probes)
    let verdict: ToleranceVerdict
    if (!run.succeeded) {
      verdict = { met: false, kind: 'not-met', reason: `the probe failed: ${run.error ?? 'unknown error'}` }
      result.errored = true
    } else if (state.dry === 'probes' || state.dry === 'activities') {
      verdict = { met: true, kind: 'met' }
    } else {
      verdict = await judge(state, tolerance, run.output)
      if (!verdict.met)
        verdict = { ...verdict, reason: maskedReason(state, tolerance, run.output, verdict.reason) }
    }
    run.slot.toleranceMet = verdict.met
    const name = typeof activity.name === 'string' ? activity.name : '(unnamed)'
    if (!verdict.met) {
      result.met = false
      result.reason = `probe '${name}': ${verdict.reason}`
      state.emit({
        type: 'activity-log',
        name,
        level: 'warn',
        message: `tolerance not met: ${verdict.reason}`,
      })
      break
    }
  }
  state.emit({
    type: 'hypothesis-finished',
    phase,
    met: result.met,
    summary: result.met ? 'steady state met' : `steady state NOT met: ${result.reason ?? ''}`,
  })
  return result
}

/**
 * Why a value did not meet its tolerance, told from the masked value: the reason quotes the value
 * cut to a few hundred characters, and a secret cut in two would no longer be recognised whole.
 * Only the wording changes; the verdict is the one judged on the real value. A probe tolerance's
 * reason comes from its probe, which is not run again.
 */
function maskedReason(state: RunState, tolerance: unknown, value: JsonValue, reason: string): string {
  const substituted = substituteTolerance(tolerance, state)
  if (isProbeTolerance(substituted)) return reason
  const masked = evaluateTolerance(substituted, state.redactor.data(value))
  return masked.met ? 'the value did not meet the tolerance (not shown: it holds a secret)' : masked.reason
}

/** Substitutes the tolerance as the reference does, then judges the value (running probe tolerances). */
async function judge(state: RunState, tolerance: unknown, value: JsonValue): Promise<ToleranceVerdict> {
  const substituted = substituteTolerance(tolerance, state)
  if (!isProbeTolerance(substituted)) return evaluateTolerance(substituted, value)
  return isRecord(substituted)
    ? judgeWithProbe(state, substituted, value)
    : evaluateTolerance(substituted, value)
}

function substituteTolerance(tolerance: unknown, state: RunState): unknown {
  if (typeof tolerance === 'string') return substituteString(tolerance, state.scope)
  if (!isRecord(tolerance)) return tolerance
  const out = { ...tolerance }
  if (tolerance.type === 'regex' && typeof tolerance.pattern === 'string')
    out.pattern = substitute(tolerance.pattern, state.scope)
  if (tolerance.type === 'jsonpath') {
    if (typeof tolerance.path === 'string') out.path = substitute(tolerance.path, state.scope)
    if (Object.hasOwn(tolerance, 'expect')) out.expect = substitute(tolerance.expect, state.scope)
  }
  return out
}

/** A probe used as tolerance: its provider runs with `arguments.value` set to the probe's output. */
async function judgeWithProbe(
  state: RunState,
  tolerance: Record<string, unknown>,
  value: JsonValue,
): Promise<ToleranceVerdict> {
  const provider = isRecord(tolerance.provider) ? tolerance.provider : {}
  const implementation = typeof provider.type === 'string' ? state.registry.get(provider.type) : undefined
  const name = typeof tolerance.name === 'string' ? tolerance.name : '(tolerance probe)'
  if (implementation === undefined)
    return { met: false, kind: 'unjudgeable', reason: `tolerance probe '${name}' has no known provider` }
  if (!isRecord(provider.arguments)) {
    return {
      met: false,
      kind: 'unjudgeable',
      reason: `tolerance probe '${name}' needs an "arguments" mapping to receive the value`,
    }
  }
  const substituted = substituteProvider(provider, state)
  substituted.arguments = { ...(substituted.arguments as Record<string, unknown>), value }
  try {
    const result = await implementation.run(substituted, {
      activityName: name,
      activityType: 'probe',
      configuration: state.scope.configuration,
      secrets: state.scope.secrets,
      env: state.env,
      cwd: state.cwd,
      signal: state.interrupt,
      log: { info: () => undefined, warn: () => undefined },
      measure: () => undefined,
      defer: deferTo(state),
    })
    return pyTruthy(result)
      ? { met: true, kind: 'met' }
      : {
          met: false,
          kind: 'not-met',
          reason: `tolerance probe '${name}' returned ${summarizeOutput(result)}`,
        }
  } catch (error) {
    return { met: false, kind: 'not-met', reason: `tolerance probe '${name}' failed: ${errorMessage(error)}` }
  }
}
