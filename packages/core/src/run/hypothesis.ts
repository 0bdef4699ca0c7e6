import {
  activityName,
  hypothesisProbes,
  isJsonObject,
  isMalformed,
  type ActivityEntry,
  type Hypothesis,
  type JsonObject,
  type JsonValue,
  type Malformed,
  type Provider,
} from '@steadystate/model'
import { substitute, substituteString } from '../config/substitution.ts'
import { errorMessage } from '../errors.ts'
import { valueText } from '../text/value-text.ts'
import { normalizeProvider, providerOf } from '../experiment/normalize-provider.ts'
import { pyTruthy } from '../python.ts'
import { evaluateTolerance, isProbeTolerance, type ToleranceVerdict } from '../tolerance/index.ts'
import type { Phase } from './events.ts'
import { executeActivity } from './execute-activity.ts'
import { providerContext, substituteProvider } from './provider-call.ts'
import { resolveActivity } from './refs.ts'
import type { RunSlot, RunState } from './run-state.ts'
import { summarizeOutput } from './output.ts'
import { toSteadyState } from '../journal/assemble.ts'

export interface HypothesisResult {
  /** null when the hypothesis has no probes (the reference then skips it). */
  met: boolean | null
  probes: RunSlot[]
  /** A probe failed to run (not merely missed its tolerance). */
  errored: boolean
  /** Why the hypothesis was not met, for logs and the verdict. */
  reason?: string
}

/**
 * Runs the probes in order; the first failed or unmet probe ends the hypothesis (later probes do not
 * run), as in the reference. Dry runs of probes or activities count tolerances as met.
 */
export async function runHypothesis(
  state: RunState,
  hypothesis: Hypothesis | Malformed | undefined,
  phase: Phase,
): Promise<HypothesisResult> {
  const probes = hypothesisProbes(hypothesis)
  const result: HypothesisResult = { met: null, probes: [], errored: false }
  if (probes.length === 0 || hypothesis === undefined || isMalformed(hypothesis)) return result
  const title = typeof hypothesis.title === 'string' ? hypothesis.title : ''
  state.emit({ type: 'phase-started', phase, title, count: probes.length })
  await state.controls?.before(state, 'hypothesis')
  result.met = true
  // Read again before each probe: what a Python control inserts runs too (see runActivityList).
  const current = (): readonly ActivityEntry[] => state.controls?.entries('probes') ?? probes
  for (let index = 0; index < current().length; index++) {
    const entry = current()[index]
    if (entry === undefined) break
    if (state.interrupt.aborted) {
      result.met = false
      result.reason = 'interrupted'
      break
    }
    const activity = resolveActivity(state.refs, entry)
    if (activity === undefined) {
      // The reference crashes here; validation reports it, so this only happens with --no-validation.
      result.met = false
      result.errored = true
      result.reason = unresolved(entry)
      state.emit({ type: 'warning', message: result.reason })
      break
    }
    // A ref may bring its own tolerance, which wins over the activity's.
    const run = await executeActivity(state, activity, phase, result.probes, {
      at: { list: 'probes', index },
    })
    if (run === undefined) {
      // A Python control stopped the run before the probe started.
      result.met = false
      result.reason = 'interrupted'
      break
    }
    const tolerance =
      (entry.kind === 'not-an-activity' ? undefined : entry.tolerance) ?? run.activity.tolerance
    let verdict: ToleranceVerdict
    if (!run.succeeded) {
      verdict = { met: false, kind: 'not-met', reason: `the probe failed: ${run.error ?? 'unknown error'}` }
      result.errored = true
    } else if (state.dry === 'probes' || state.dry === 'activities') {
      verdict = { met: true, kind: 'met' }
    } else {
      verdict = await judge(state, tolerance?.value, run.output)
      if (!verdict.met)
        verdict = { ...verdict, reason: maskedReason(state, tolerance?.value, run.output, verdict.reason) }
    }
    run.slot.toleranceMet = verdict.met
    const name = activityName(run.activity)
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
  await state.controls?.after(state, 'hypothesis', toSteadyState(result))
  state.emit({
    type: 'hypothesis-finished',
    phase,
    met: result.met,
    summary: result.met ? 'steady state met' : `steady state NOT met: ${result.reason ?? ''}`,
  })
  return result
}

/** Why an entry of the hypothesis has no activity to run. */
function unresolved(entry: ActivityEntry): string {
  switch (entry.kind) {
    case 'not-an-activity':
      return `a probe of the hypothesis is not an activity: ${JSON.stringify(entry.source)}`
    case 'ref':
      return `could not find referenced activity '${isMalformed(entry.ref) ? valueText(entry.ref.value) : entry.ref}'`
    case 'activity':
      return `the probe '${activityName(entry)}' could not be run`
  }
}

/**
 * Why a value did not meet its tolerance, told from the masked value: the reason quotes the value
 * cut to a few hundred characters, and a secret cut in two would no longer be recognised whole.
 * Only the wording changes; the verdict is the one judged on the real value. A probe tolerance's
 * reason comes from its probe, which is not run again.
 */
function maskedReason(
  state: RunState,
  tolerance: JsonValue | undefined,
  value: JsonValue,
  reason: string,
): string {
  const substituted = substituteTolerance(tolerance, state)
  if (isProbeTolerance(substituted)) return reason
  const masked = evaluateTolerance(substituted, state.redactor.data(value))
  return masked.met ? 'the value did not meet the tolerance (not shown: it holds a secret)' : masked.reason
}

/** Substitutes the tolerance as the reference does, then judges the value (running probe tolerances). Safeguards judge with it too. */
export async function judge(
  state: RunState,
  tolerance: JsonValue | undefined,
  value: JsonValue,
): Promise<ToleranceVerdict> {
  const substituted = substituteTolerance(tolerance, state)
  if (isJsonObject(substituted) && isProbeTolerance(substituted))
    return judgeWithProbe(state, substituted, value)
  return evaluateTolerance(substituted, value)
}

function substituteTolerance(tolerance: JsonValue | undefined, state: RunState): JsonValue | undefined {
  if (typeof tolerance === 'string') return substituteString(tolerance, state.scope)
  if (!isJsonObject(tolerance)) return tolerance
  const out = { ...tolerance }
  if (tolerance.type === 'regex' && typeof tolerance.pattern === 'string')
    out.pattern = substitute(tolerance.pattern, state.scope)
  if (tolerance.type === 'jsonpath') {
    if (typeof tolerance.path === 'string') out.path = substitute(tolerance.path, state.scope)
    const expect = tolerance.expect
    if (expect !== undefined && Object.hasOwn(tolerance, 'expect'))
      out.expect = substitute(expect, state.scope)
  }
  return out
}

/** A probe used as tolerance: its provider runs with `arguments.value` set to the probe's output. */
async function judgeWithProbe(
  state: RunState,
  tolerance: JsonObject,
  value: JsonValue,
): Promise<ToleranceVerdict> {
  const declared = providerOf(tolerance.provider)
  const name = typeof tolerance.name === 'string' ? tolerance.name : '(tolerance probe)'
  if (isMalformed(declared) || state.registry.bind(declared) === undefined)
    return { met: false, kind: 'unjudgeable', reason: `tolerance probe '${name}' has no known provider` }
  const args = declared.source.arguments
  if (!isJsonObject(args)) {
    return {
      met: false,
      kind: 'unjudgeable',
      reason: `tolerance probe '${name}' needs an "arguments" mapping to receive the value`,
    }
  }
  // Of the same type as the declared one, so bound as surely.
  const bound = state.registry.bind(withValue(declared, state, value))
  if (bound === undefined)
    return { met: false, kind: 'unjudgeable', reason: `tolerance probe '${name}' has no known provider` }
  try {
    const result = await bound.run(providerContext(state, { name, type: 'probe' }))
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

/** The tolerance probe's provider, substituted, with the value to judge as its `value` argument. */
function withValue(provider: Provider, state: RunState, value: JsonValue): Provider {
  const substituted = substituteProvider(provider, state.scope).source
  const args = substituted.arguments
  return normalizeProvider({ ...substituted, arguments: { ...(isJsonObject(args) ? args : {}), value } })
}
