import { existsSync } from 'node:fs'
import { hostname } from 'node:os'
import { resolve } from 'node:path'
import {
  errorMessage,
  experimentOf,
  loadExperiment,
  loadOverrides,
  normalizeExperiment,
  planRecovery,
  redactedValuesNeeded,
  replayRollbacks,
  resolveInputs,
  Redactor,
  writableProblem,
  type ExperimentInput,
  type Overrides,
} from '@steadystate/core'
import { activityName, entriesOf, isMalformed, type Experiment, type Journal } from '@steadystate/model'
import { recoverySafeguards } from './cluster-options.ts'
import { JournalWriter } from './journal-writer.ts'
import { loaderAuth } from './loader-auth.ts'
import { readJournalFile } from './read-journal.ts'
import { redactingLogger, type Logger } from './output/logger.ts'
import { createRegistry } from './registry.ts'
import type { JobIO } from './run-job.ts'
import { VERSION } from './version.ts'

export interface RollbackJobOptions {
  /** The journal of the run that did not finish; rewritten in place. Relative to `io.cwd`. */
  journalPath: string
  /** Take the rollbacks from this experiment (path or URL) rather than the journal's own copy. */
  experiment?: string | undefined
  varFiles: readonly string[]
  vars: readonly string[]
  /** @default true */
  verifyTls?: boolean
  rollbackTimeoutSeconds?: number | undefined
  skipValidation?: boolean
  /** Who plays the rollbacks, recorded in `steadystate.recovered.by`. @default `steadystate rollback on HOST` */
  by?: string | undefined
  io: JobIO
  logger: Logger
  /** As `runJob`'s: every secret value resolved, before anything is logged. */
  onSecrets?: (values: string[]) => void
}

export type RollbackJobResult =
  /** The request cannot be carried out as asked (`steadystate rollback` exits 2). */
  | { outcome: 'usage'; message: string }
  /** Nothing to play; the journal (if any) is left alone (exit 2, or 0 with `--if-pending`). */
  | { outcome: 'nothing-pending'; message: string; journal: Journal | undefined }
  /** The rollbacks could not start (invalid experiment, a failed preflight); journal unchanged. */
  | { outcome: 'not-run'; message: string; journal: Journal }
  | { outcome: 'rolled-back'; journal: Journal; played: number; failed: number; journalWritten: boolean }

/**
 * `steadystate rollback JOURNAL` as every host runs it (the CLI, the Action's post step, the GitLab
 * job's after_script, the Octopus step, the CronJob): plays the rollbacks a run left pending, with
 * configuration and secrets resolved as `run` resolves them, and rewrites the journal with them
 * appended. Never throws. Safe to call twice: the second call finds nothing pending.
 */
export async function rollbackJob(options: RollbackJobOptions): Promise<RollbackJobResult> {
  const { io } = options
  let { logger } = options
  const journalPath = resolve(io.cwd, options.journalPath)
  if (!existsSync(journalPath))
    return {
      outcome: 'nothing-pending',
      message: `${journalPath}: nothing to roll back: there is no journal there, so no run left rollbacks pending in it`,
      journal: undefined,
    }
  const journal = await readJournalFile(journalPath)
  if (typeof journal === 'string') return usage(logger, journal)
  const problem = await writableProblem(journalPath)
  if (problem !== undefined) return usage(logger, `${journalPath} cannot be rewritten: ${problem}`)
  let overrides: Overrides
  let experiment: Experiment
  try {
    overrides = await loadOverrides(options.varFiles, options.vars)
    experiment = normalizeExperiment(
      options.experiment === undefined
        ? journal.experiment
        : (
            await loadExperiment(options.experiment, {
              verifyTls: options.verifyTls !== false,
              signal: io.signal,
              env: io.env,
              ...loaderAuth(io.env),
            })
          ).experiment,
    )
  } catch (error) {
    return usage(logger, errorMessage(error))
  }
  const plan = planRecovery(journal, experiment)
  if (plan.kind === 'nothing-pending')
    return {
      outcome: 'nothing-pending',
      message: `${journalPath}: nothing to roll back: ${plan.reason}`,
      journal,
    }
  // Resolved once: the redacted values needed, the logger's masks and the replay use the same.
  const inputs = resolveInputs(experiment, io.env, overrides)
  if (options.experiment === undefined) {
    const needed = redactedValuesNeeded(experiment, plan.replay, inputs)
    if (needed.length > 0)
      return usage(
        logger,
        `${journalPath}: the rollbacks need values that the journal redacted (${needed.join(', ')}); give the experiment that ran with --experiment FILE, or those values with --var-file`,
      )
  } else warnIfChanged(normalizeExperiment(journal.experiment), experiment, options.experiment, logger)
  const secrets = inputs.secretValues
  options.onSecrets?.(secrets)
  logger = redactingLogger(logger, new Redactor(secrets))

  const writer = new JournalWriter(journalPath, (message) => logger.warn(message))
  io.onForcedExit?.(() =>
    writer.writeForExit('a repeated signal made it exit at once, while playing the rollbacks'),
  )
  const by = options.by ?? `steadystate rollback on ${hostname()}`
  const result = await replayRollbacks(experiment, journal, {
    source: options.experiment ?? `${journalPath} (the experiment it recorded)`,
    registry: createRegistry(),
    env: io.env,
    cwd: io.cwd,
    version: VERSION,
    overrides,
    inputs,
    ...(options.rollbackTimeoutSeconds === undefined
      ? {}
      : { rollbackTimeoutSeconds: options.rollbackTimeoutSeconds }),
    skipValidation: options.skipValidation === true,
    signal: io.signal,
    by,
    onEvent: (event) => logger.event(event),
    onCheckpoint: (checkpoint) => writer.checkpoint(checkpoint),
    safeguards: recoverySafeguards(by, io.env),
  })
  switch (result.kind) {
    case 'nothing-pending':
      return {
        outcome: 'nothing-pending',
        message: `${journalPath}: nothing to roll back: ${result.reason}`,
        journal,
      }
    case 'not-run': {
      for (const issue of result.issues.filter((i) => i.severity === 'error'))
        logger.error(`  ${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`)
      const message = `the rollbacks could not start, so nothing was played and ${journalPath} is unchanged: ${result.reason}`
      logger.error(message)
      return { outcome: 'not-run', message, journal }
    }
    case 'replayed': {
      let journalWritten = true
      try {
        await writer.writeFinal(result.journal)
        logger.info(`journal rewritten with the rollbacks: ${journalPath}`)
      } catch (error) {
        journalWritten = false
        logger.error(`the journal could not be rewritten at ${journalPath}: ${errorMessage(error)}`)
      }
      return {
        outcome: 'rolled-back',
        journal: result.journal,
        played: result.played,
        failed: result.failed,
        journalWritten,
      }
    }
  }
}

function usage(logger: Logger, message: string): RollbackJobResult {
  logger.error(message)
  return { outcome: 'usage', message }
}

/** The names of an experiment's rollbacks, to compare with those the journal recorded. */
export function rollbackNames(input: ExperimentInput): string[] {
  return entriesOf(experimentOf(input).rollbacks).map((entry) => {
    switch (entry.kind) {
      case 'activity':
        return activityName(entry)
      case 'ref':
        return isMalformed(entry.ref) ? '(unnamed)' : `ref ${entry.ref}`
      case 'not-an-activity':
        return '(unnamed)'
    }
  })
}

function warnIfChanged(recorded: Experiment, given: Experiment, source: string, logger: Logger): void {
  const before = rollbackNames(recorded).join(', ')
  const now = rollbackNames(given).join(', ')
  if (before !== now)
    logger.warn(
      `the rollbacks of ${source} (${now || 'none'}) are not those the run recorded (${before || 'none'}): playing ${source}'s`,
    )
}
