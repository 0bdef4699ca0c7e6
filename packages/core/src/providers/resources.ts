/**
 * Something a provider or a native module keeps for the length of one run: API clients, the
 * measurements it started. Declared once (a module-level constant); each run gets its own value.
 */
export interface RunResource<T> {
  /** For messages: what it is. */
  readonly name: string
  /** Makes the run's value, on first use. */
  create(): T
  /** Releases it when the run ends (closes connections, stops work). */
  close?(value: T): void | Promise<void>
}

/**
 * The resources of one run. The `ProviderRegistry` owns one and closes it when the run ends, so two
 * runs in one process (two `runJob` calls, a run then its recovery) never share a client or see each
 * other's measurements.
 */
export class RunResources {
  private readonly values = new Map<RunResource<unknown>, unknown>()

  /** The run's value of `resource`, made on first use. */
  get<T>(resource: RunResource<T>): T {
    if (this.values.has(resource)) return this.values.get(resource) as T
    const value = resource.create()
    this.values.set(resource, value)
    return value
  }

  /** Closes every value (the last made first) and forgets them: a later use makes new ones. */
  async close(): Promise<void> {
    const entries = [...this.values].reverse()
    this.values.clear()
    for (const [resource, value] of entries) await resource.close?.(value)
  }
}
