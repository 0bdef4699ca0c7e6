import type { ErrorCode, Experiment } from '@steadystate/model'
import { assertNever, errorMessage } from '../errors.ts'
import type { RunState } from '../run/run-state.ts'
import { collectCalls } from './calls.ts'
import type { Safeguard, SafeguardMode, SafeguardProvider, StopRequest } from './types.ts'

export type OpenedSafeguard =
  | { kind: 'none' }
  | { kind: 'held'; safeguard: Safeguard }
  | { kind: 'refused'; code: ErrorCode; message: string }

/** Why the run stops when its lock is lost (recorded as what interrupted it). */
export const LOCK_LOST = 'lost its lock'

/**
 * Opens the host's safeguards for this experiment (see SafeguardProvider), after the preflights and
 * before the first phase. A run that injects no fault (a dry run of actions or of everything) needs
 * none. A lost lock stops the run through `stop`, as an interruption does; so does a stop the
 * safeguard asks for (the kill switch), after `onStop` has recorded it, unless the run has left its
 * method and hypotheses behind (stopping then would only cut its rollbacks short).
 */
export async function openSafeguard(
  provider: SafeguardProvider | undefined,
  state: RunState,
  experiment: Experiment,
  mode: SafeguardMode,
  stop: AbortController,
  onStop: (request: StopRequest) => boolean,
): Promise<OpenedSafeguard> {
  if (provider === undefined || state.dry === 'actions' || state.dry === 'activities') return { kind: 'none' }
  let opening
  try {
    opening = await provider.open({
      mode,
      experiment: experiment.source,
      configuration: state.scope.configuration,
      calls: collectCalls(experiment, state.scope),
      env: state.env,
      resources: state.registry.resources,
      signal: state.interrupt,
      log: {
        info: (message) => state.emit({ type: 'info', message }),
        warn: (message) => state.emit({ type: 'warning', message }),
      },
    })
  } catch (error) {
    return { kind: 'refused', code: 'SAFEGUARD', message: `nothing was run: ${errorMessage(error)}` }
  }
  switch (opening.kind) {
    case 'not-applicable':
      return { kind: 'none' }
    case 'refused':
      return opening
    case 'held': {
      const { lost } = opening.safeguard
      const onLost = (): void => {
        const message = `${errorMessage(lost.reason)}: stopping the run`
        state.warnings.push(message)
        state.emit({ type: 'warning', message })
        stop.abort(LOCK_LOST)
      }
      if (lost.aborted) onLost()
      else lost.addEventListener('abort', onLost, { once: true })
      opening.safeguard.onStop?.((request) => {
        if (stop.signal.aborted || !onStop(request)) return
        state.emit({ type: 'warning', message: `${request.reason}: stopping the run` })
        stop.abort(new Error(stopReason(request)))
      })
      return { kind: 'held', safeguard: opening.safeguard }
    }
  }
}

/** What the journal records as the run's interruption for a stop. */
function stopReason(request: StopRequest): string {
  switch (request.source) {
    case 'kill-switch':
      return 'the kill switch was pulled'
    case 'safeguard':
      return `safeguard '${request.probe}' tripped`
    case 'python-control':
      return `control '${request.control}' interrupted the run in ${request.probe}`
    default:
      return assertNever(request.source)
  }
}

/** Aborts `to` when `from` aborts, with the same reason. */
export function forwardAbort(from: AbortSignal | undefined, to: AbortController): void {
  if (from === undefined) return
  if (from.aborted) to.abort(from.reason)
  else from.addEventListener('abort', () => to.abort(from.reason), { once: true })
}
