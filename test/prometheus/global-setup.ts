import type { TestProject } from 'vitest/node'
import { startMonitoringStack, type MonitoringUrls } from '../support/monitoring/stack.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    monitoring: MonitoringUrls
  }
}

/**
 * Starts the fixture exporter, a real Alertmanager and a real Prometheus (the Debian packages, which
 * scripts/monitoring-deps installs) once for the Prometheus suite, and stops them afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stack = await startMonitoringStack()
  project.provide('monitoring', stack.urls)
  return () => stack.stop()
}
