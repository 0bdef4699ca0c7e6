import type { ActivityRun, Journal, SteadyState } from '@steadystate/model'

/** Rewrites what differs by nature before comparison: in outputs, and in exception texts. */
export interface Normalizers {
  output: (output: unknown) => unknown
  exception: (line: string) => string
}

const DEFAULT_NORMALIZERS: Normalizers = { output: withoutVolatileHeaders, exception: (line) => line }

/** HTTP response headers that differ between any two runs. */
const VOLATILE_HEADERS = ['date', 'server']

/** An HTTP provider output without its volatile headers; any other output as it is. */
export function withoutVolatileHeaders(output: unknown): unknown {
  if (output === null || typeof output !== 'object' || !('headers' in output)) return output
  const { headers, ...rest } = output as { headers: Record<string, string> }
  const kept = Object.fromEntries(
    Object.entries(headers).filter(([name]) => !VOLATILE_HEADERS.includes(name.toLowerCase())),
  )
  return { ...rest, headers: kept }
}

/** What must match the reference, field by field: everything but timestamps, durations, platform, tracebacks. */
export function comparableRun(run: ActivityRun, normalize: Normalizers = DEFAULT_NORMALIZERS): unknown {
  const exceptionLast = run.exception?.at(-1)
  return {
    activity: run.activity,
    output: normalize.output(run.output),
    status: run.status,
    exceptionLast: exceptionLast === undefined ? undefined : normalize.exception(exceptionLast),
    tolerance_met: run.tolerance_met,
  }
}

function comparableState(state: SteadyState | null, normalize: Normalizers): unknown {
  return state === null
    ? null
    : {
        steady_state_met: state.steady_state_met,
        probes: state.probes.map((run) => comparableRun(run, normalize)),
      }
}

/** A journal reduced to what steadystate and the reference must agree on. */
export function comparableJournal(journal: Journal, normalize: Normalizers = DEFAULT_NORMALIZERS): unknown {
  return {
    experiment: journal.experiment,
    status: journal.status,
    deviated: journal.deviated,
    before: comparableState(journal.steady_states.before, normalize),
    after: comparableState(journal.steady_states.after, normalize),
    during: journal.steady_states.during.map((state) => comparableState(state, normalize)),
    run: journal.run.map((run) => comparableRun(run, normalize)),
    rollbacks: journal.rollbacks.map((run) => comparableRun(run, normalize)),
    keys: Object.keys(journal).filter((key) => key !== 'steadystate'),
  }
}
