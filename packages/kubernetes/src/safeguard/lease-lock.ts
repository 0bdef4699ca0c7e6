import { errorMessage, withDeadline, type SafeguardLog } from '@steadystate/core'
import { KubernetesApiError } from '../client/errors.ts'
import type { KubeClient } from '../client/rest.ts'
import { sleep } from '../client/retry.ts'
import { describeHolder, viewLease, type LeaseObject, type LeaseView } from './lease-view.ts'
import { ANNOTATION, MANAGED_BY, microTime } from './names.ts'

/** A Lease, or undefined when there is none by that name. */
export async function readLease(
  client: KubeClient,
  namespace: string,
  name: string,
  signal: AbortSignal,
): Promise<LeaseObject | undefined> {
  try {
    return await client.request<LeaseObject>(
      'GET',
      `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases/${name}`,
      { signal },
    )
  } catch (error) {
    if (error instanceof KubernetesApiError && error.isNotFound) return undefined
    throw error
  }
}

/** Who takes a lock: the Lease's holderIdentity, and words for the others (host, CI job). */
export interface Holder {
  id: string
  origin: string
}

export type Acquisition =
  | { kind: 'held'; tookOver: string | undefined }
  | { kind: 'busy'; view: Extract<LeaseView, { kind: 'held' }> }
  | { kind: 'interrupted'; view: LeaseView }

export interface AcquireOptions {
  /** How long to wait for a lock another run holds; 0: answer at once. */
  waitSeconds: number
  /** Take the lock from this holder even if its lease is fresh (a recovery of that run). */
  takeoverFrom?: string | undefined
  signal: AbortSignal
  log: SafeguardLog
}

const WAIT_STEP_MS = 2_000
const PROGRESS_EVERY_MS = 10_000

/**
 * One coordination.k8s.io/v1 Lease used as a lock: taken (created, or updated with the
 * resourceVersion it was read at, so two takers never both win), renewed every third of its
 * duration while held, released at the end. A lease not renewed for its duration is taken for dead
 * and taken over. Holding it is also the run's heartbeat: a record whose lock is held is alive.
 */
export class LeaseLock {
  private transitions = 0

  constructor(
    readonly client: KubeClient,
    readonly namespace: string,
    readonly name: string,
    readonly me: Holder,
    readonly durationSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  get path(): string {
    return `/apis/coordination.k8s.io/v1/namespaces/${this.namespace}/leases/${this.name}`
  }

  /** `the lock NAME (Lease in namespace NS)` */
  describe(): string {
    return `the lock ${this.name} (Lease in namespace ${this.namespace})`
  }

  read(signal: AbortSignal): Promise<LeaseObject | undefined> {
    return readLease(this.client, this.namespace, this.name, signal)
  }

  async acquire(options: AcquireOptions): Promise<Acquisition> {
    const started = this.now()
    let lastProgress = -Infinity
    for (;;) {
      const lease = await this.read(options.signal)
      const view = viewLease(lease, this.now())
      const takeover = view.kind === 'held' && (view.expired || view.holder === options.takeoverFrom)
      if (view.kind === 'free' || takeover || (view.kind === 'held' && view.holder === this.me.id)) {
        if (await this.take(lease, options.signal)) {
          return {
            kind: 'held',
            tookOver: takeover && view.kind === 'held' ? this.takeoverWords(view) : undefined,
          }
        }
        continue // someone else wrote it in between: read it again
      }
      const waited = this.now() - started
      const left = options.waitSeconds * 1000 - waited
      if (left <= 0) return { kind: 'busy', view }
      if (this.now() - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = this.now()
        options.log.info(
          `waiting for ${this.describe()}, held by ${describeHolder(view)}: ${Math.ceil(left / 1000)} s left (--lock-timeout)`,
        )
      }
      try {
        await sleep(Math.min(WAIT_STEP_MS, left), options.signal)
      } catch {
        return { kind: 'interrupted', view }
      }
    }
  }

  /** Renews the lease; false when another holder has it now. Throws when the API cannot be reached. */
  async renew(signal: AbortSignal): Promise<boolean> {
    for (;;) {
      const lease = await this.read(signal)
      if (lease?.spec?.holderIdentity !== this.me.id) return false
      try {
        await this.write(lease, { ...lease.spec, renewTime: microTime(this.now()) }, signal)
        return true
      } catch (error) {
        if (!(error instanceof KubernetesApiError && error.status === 409)) throw error
      }
    }
  }

  /** Gives the lock up, if this holder still has it: free at once for the next run. */
  async release(signal: AbortSignal): Promise<void> {
    for (;;) {
      const lease = await this.read(signal)
      if (lease?.spec?.holderIdentity !== this.me.id) return
      try {
        const now = microTime(this.now())
        await this.write(
          lease,
          { leaseDurationSeconds: 1, renewTime: now, leaseTransitions: this.transitions },
          signal,
        )
        return
      } catch (error) {
        if (!(error instanceof KubernetesApiError && error.status === 409)) throw error
      }
    }
  }

  private async take(lease: LeaseObject | undefined, signal: AbortSignal): Promise<boolean> {
    const now = microTime(this.now())
    const previous = lease?.spec?.holderIdentity ?? ''
    this.transitions =
      (lease?.spec?.leaseTransitions ?? 0) + (previous !== '' && previous !== this.me.id ? 1 : 0)
    const spec = {
      holderIdentity: this.me.id,
      leaseDurationSeconds: this.durationSeconds,
      acquireTime: now,
      renewTime: now,
      leaseTransitions: this.transitions,
    }
    try {
      await this.write(lease, spec, signal)
      return true
    } catch (error) {
      // 409: created or updated by another taker since it was read.
      if (error instanceof KubernetesApiError && error.status === 409) return false
      throw error
    }
  }

  private async write(
    lease: LeaseObject | undefined,
    spec: NonNullable<LeaseObject['spec']>,
    signal: AbortSignal,
  ): Promise<void> {
    const body: LeaseObject = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: this.name,
        labels: { ...lease?.metadata.labels, ...MANAGED_BY },
        annotations: { ...lease?.metadata.annotations, [ANNOTATION.origin]: this.me.origin },
        ...(lease?.metadata.resourceVersion === undefined
          ? {}
          : { resourceVersion: lease.metadata.resourceVersion }),
      },
      spec,
    }
    if (lease === undefined)
      await this.client.request('POST', `/apis/coordination.k8s.io/v1/namespaces/${this.namespace}/leases`, {
        body,
        signal,
      })
    else await this.client.request('PUT', this.path, { body, signal })
  }

  private takeoverWords(view: Extract<LeaseView, { kind: 'held' }>): string {
    return view.expired
      ? `took over ${this.describe()} from ${describeHolder(view)}: it was not renewed for longer than its lease, so its holder is taken for dead`
      : `took over ${this.describe()} from the run it recovers, ${describeHolder(view)} (if that run is still alive, it notices and stops)`
  }
}

/** After a failed renewal, the next attempt comes this soon (until the renewal deadline). */
const RETRY_RENEWAL_MS = 1_000

/**
 * Renews a held lock every third of its lease until stopped. A renewal that has not succeeded two
 * thirds of a lease after the last one (the API unreachable) or that finds another holder aborts
 * `lost`: the holder can no longer be sure it is alone, and stops before the lease runs out.
 */
export class LeaseRenewal {
  private readonly controller = new AbortController()
  private timer: NodeJS.Timeout | undefined
  private inFlight: Promise<void> = Promise.resolve()
  private lastRenewed: number
  private stopped = false

  constructor(
    private readonly lock: LeaseLock,
    private readonly now: () => number = Date.now,
  ) {
    this.lastRenewed = now()
    this.schedule(this.periodMs)
  }

  private get periodMs(): number {
    return (this.lock.durationSeconds * 1000) / 3
  }

  get lost(): AbortSignal {
    return this.controller.signal
  }

  /** Stops renewing (waits for a renewal in flight). */
  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    await this.inFlight
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.controller.signal.aborted) return
    this.timer = setTimeout(() => {
      this.inFlight = this.renewOnce().then((renewed) =>
        this.schedule(renewed ? this.periodMs : RETRY_RENEWAL_MS),
      )
    }, delayMs)
    // A lock never keeps the process alive: the run's own work does.
    this.timer.unref()
  }

  /** One renewal; true when it succeeded. */
  private async renewOnce(): Promise<boolean> {
    const deadlineMs = this.lastRenewed + 2 * this.periodMs
    const window = withDeadline(new AbortController().signal, Math.max(0, deadlineMs - this.now()))
    try {
      if (await this.lock.renew(window.signal)) {
        this.lastRenewed = this.now()
        return true
      }
      if (!this.stopped) this.controller.abort(`${this.lock.describe()} was taken over or deleted`)
    } catch (error) {
      if (!this.stopped && this.now() >= deadlineMs)
        this.controller.abort(
          `${this.lock.describe()} could not be renewed for ${Math.round((this.now() - this.lastRenewed) / 1000)} s (${errorMessage(error)})`,
        )
    } finally {
      window.clear()
    }
    return false
  }
}
