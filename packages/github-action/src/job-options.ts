import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { JobIO, Logger, RunJobOptions } from '@steadystate/cli'
import type { ActionInputs } from './inputs.ts'
import { maskSecrets } from './mask.ts'

/**
 * The environment the experiment sees: the step's, plus `kube-context` as the Kubernetes driver's
 * KUBERNETES_CONTEXT (so the kubeconfig's current context need not be edited).
 */
export function engineEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  inputs: ActionInputs,
): Record<string, string | undefined> {
  return inputs.kubeContext === undefined ? { ...env } : { ...env, KUBERNETES_CONTEXT: inputs.kubeContext }
}

/** The bundle's own folder holds the report's fonts (there are no node_modules beside an action). */
export function fontDirectory(distDirectory: URL): string {
  return fileURLToPath(new URL('fonts/', distDirectory))
}

/** One `runJob` call for the action's settings: the same flow as `steadystate run`. */
export function jobOptions(
  inputs: ActionInputs,
  io: JobIO,
  logger: Logger,
  distDirectory: URL,
): RunJobOptions {
  return {
    source: inputs.experiment,
    journalPath: inputs.journalPath,
    reportPath: inputs.reportPath,
    junitPath: inputs.junitPath,
    varFiles: inputs.varFiles,
    vars: inputs.vars,
    engine: {
      dry: inputs.dry,
      rollbackStrategy: inputs.rollbackStrategy,
      hypothesisStrategy: inputs.hypothesisStrategy,
      hypothesisFrequency: inputs.hypothesisFrequency,
      failFast: inputs.failFast,
      skipUnknownControls: inputs.skipUnknownControls,
    },
    cluster: {
      lock: inputs.lock,
      lockTimeoutSeconds: inputs.lockTimeout,
      killSwitchIntervalSeconds: inputs.killSwitchInterval,
    },
    io,
    logger,
    // Masked before the engine starts, so before any line of the run is logged.
    onSecrets: maskSecrets,
    reportOptions: { fontDirectory: fontDirectory(distDirectory) },
  }
}

/**
 * Workflows often collect the results in one folder (`report-path: chaos-results/report.pdf`);
 * the journal's writer creates its own, the report writers do not. A folder that cannot be created
 * is left to the report writer, which says so and leaves the run's outcome alone.
 */
export function createReportDirectories(inputs: ActionInputs): void {
  for (const path of [inputs.reportPath, inputs.junitPath]) {
    if (path === undefined) continue
    try {
      mkdirSync(dirname(path), { recursive: true })
    } catch {
      // Reported by the report writer.
    }
  }
}
