import type { Safeguard, StopRequest } from '@steadystate/core'
import type { KillSwitchWatch } from './kill-switch-watch.ts'

/**
 * The safeguard of a run that keeps no record and takes no lock (it injects nothing in Kubernetes,
 * or runs with --no-cluster-record) but has kill switches in scope: it only watches them.
 */
export class KillSwitchSafeguard implements Safeguard {
  readonly journalEntry = undefined
  /** Never aborts: there is no lock to lose. */
  readonly lost = new AbortController().signal

  constructor(private readonly watch: KillSwitchWatch) {}

  onStop(listener: (request: StopRequest) => void): void {
    this.watch.onStop(listener)
  }

  beforeMethod(): Promise<string | undefined> {
    return Promise.resolve(undefined)
  }

  observe(): void {}

  async close(): Promise<void> {
    await this.watch.stop()
  }
}
