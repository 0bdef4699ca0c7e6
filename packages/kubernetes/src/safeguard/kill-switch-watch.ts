import type { SafeguardLog, StopRequest } from '@steadystate/core'
import type { JsonObject } from '@steadystate/model'
import type { KillSwitchVerdict, PulledKillSwitch } from '../kill-switch/check.ts'
import { describeRef } from '../kill-switch/kill-switch.ts'

/**
 * A run's kill switches cannot be read this many checks in a row: the run stops, as if they were
 * pulled (not knowing is no reason to go on), without stopping it for one slow answer.
 */
export const UNREADABLE_CHECKS_TO_STOP = 3

/**
 * Reads the kill switches of a running run every `intervalSeconds` until stopped, and asks the run
 * to stop (once) when one is pulled or they stay unreadable. Like a lease renewal, it never keeps
 * the process alive: the run's own work does.
 */
export class KillSwitchWatch {
  private timer: NodeJS.Timeout | undefined
  private inFlight: Promise<void> = Promise.resolve()
  /** Cuts a check in flight short when the watch stops. */
  private readonly stopping = new AbortController()
  private failures = 0
  private listener: ((request: StopRequest) => void) | undefined
  /** A stop asked for before anyone listened: handed to the first listener. */
  private pending: StopRequest | undefined

  constructor(
    private readonly check: (signal: AbortSignal) => Promise<KillSwitchVerdict>,
    readonly intervalSeconds: number,
    private readonly log: SafeguardLog,
  ) {
    this.schedule()
  }

  onStop(listener: (request: StopRequest) => void): void {
    this.listener = listener
    if (this.pending !== undefined) listener(this.pending)
    this.pending = undefined
  }

  /** Stops watching (a check in flight is cut short and does not count). */
  async stop(): Promise<void> {
    this.stopping.abort()
    clearTimeout(this.timer)
    await this.inFlight
  }

  private schedule(): void {
    if (this.stopping.signal.aborted) return
    this.timer = setTimeout(() => {
      this.inFlight = this.checkOnce().then(() => this.schedule())
    }, this.intervalSeconds * 1000)
    this.timer.unref()
  }

  private async checkOnce(): Promise<void> {
    const verdict = await this.check(this.stopping.signal)
    if (this.stopping.signal.aborted) return
    switch (verdict.kind) {
      case 'clear':
        this.failures = 0
        return
      case 'pulled':
        return this.ask(pulledStop(verdict.state, verdict.message))
      case 'unreadable': {
        this.failures += 1
        const ref = describeRef(verdict.ref)
        if (this.failures < UNREADABLE_CHECKS_TO_STOP) {
          this.log.warn(
            `${verdict.message} (check ${this.failures}; the run stops after ${UNREADABLE_CHECKS_TO_STOP} in a row)`,
          )
          return
        }
        return this.ask({
          source: 'kill-switch',
          control: 'kill-switch',
          probe: ref,
          value: null,
          reason: `${verdict.message}; ${UNREADABLE_CHECKS_TO_STOP} checks in a row could not read it`,
        })
      }
    }
  }

  private ask(request: StopRequest): void {
    this.stopping.abort()
    if (this.listener === undefined) this.pending = request
    else this.listener(request)
  }
}

/** The journal's `steadystate.stop` for a pulled switch: which one, who pulled it, when, and why. */
function pulledStop(state: PulledKillSwitch, message: string): StopRequest {
  const value: JsonObject = {
    namespace: state.ref.namespace,
    configMap: state.ref.name,
    key: state.ref.key,
    reason: state.reason,
    ...(state.by === undefined ? {} : { by: state.by }),
    ...(state.at === undefined ? {} : { at: state.at }),
  }
  return {
    source: 'kill-switch',
    control: 'kill-switch',
    probe: describeRef(state.ref),
    value,
    reason: message,
  }
}
