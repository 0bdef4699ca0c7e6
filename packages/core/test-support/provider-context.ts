import { RunResources } from '../src/providers/resources.ts'
import type { ProviderContext } from '../src/providers/types.ts'

/** A provider context for unit tests: real environment, collected log lines. */
export function testContext(overrides: Partial<ProviderContext> = {}): ProviderContext & { logs: string[] } {
  const logs: string[] = []
  return {
    activityName: 'test-activity',
    activityType: 'probe',
    configuration: {},
    secrets: {},
    env: process.env,
    cwd: process.cwd(),
    signal: new AbortController().signal,
    log: { info: (m) => logs.push(m), warn: (m) => logs.push(m) },
    measure: () => undefined,
    defer: () => undefined,
    resources: new RunResources(),
    logs,
    ...overrides,
  }
}
