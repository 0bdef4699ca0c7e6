import { mkdir } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join, resolve } from 'node:path'
import {
  errorMessage,
  experimentOf,
  loadExperiment,
  loadOverrides,
  planRecovery,
  redactedValuesNeeded,
  resolveInputs,
  writeJournal,
  type Overrides,
} from '@steadystate/core'
import { deleteRunRecord, findRunRecords, type FoundRecord } from '@steadystate/kubernetes'
import type { Journal } from '@steadystate/model'
import type { Logger } from './output/logger.ts'
import { loaderAuth } from './loader-auth.ts'
import { rollbackJob, rollbackNames, type RollbackJobOptions } from './rollback-job.ts'
import type { JobIO } from './run-job.ts'

export interface RecoverJobOptions {
  /** Undefined: the home namespace (the kubeconfig context's, the pod's, else `default`). */
  namespace: string | undefined
  allNamespaces: boolean
  /** List and explain; change nothing. */
  dry: boolean
  /** The experiment that ran, when its rollbacks need values the record redacted. */
  experiment: string | undefined
  varFiles: readonly string[]
  vars: readonly string[]
  verifyTls: boolean
  skipValidation: boolean
  rollbackTimeoutSeconds: number | undefined
  by: string | undefined
  /** Where the journals of the recoveries are written, one per run (`<record name>.json`). */
  journalDir: string
  io: JobIO
  logger: Logger
}

/** How each record found was dealt with. */
export type RecordOutcome =
  | 'alive'
  | 'stale'
  | 'would-play'
  | 'rolled-back'
  | 'failed'
  /** The rollbacks need what was not given (values the record redacted). */
  | 'lacking'

export interface RecoverJobResult {
  /** Why nothing could be looked at (no cluster configuration, listing forbidden), else undefined. */
  problem: string | undefined
  /** What was asked cannot be used (an unreadable --experiment or --var-file), else undefined. */
  usage?: string
  outcomes: { record: string; outcome: RecordOutcome }[]
}

/**
 * `steadystate recover`: finds the records of pending rollbacks runs keep in the cluster, and plays
 * those of abandoned runs (lock expired or free, or the record expired) exactly as `steadystate
 * rollback` plays a journal's: the record's journal is written to `journalDir`, `rollbackJob` plays
 * it (taking over the run's lock, updating the record, deleting it once every rollback succeeded).
 */
export async function recoverJob(options: RecoverJobOptions): Promise<RecoverJobResult> {
  const { io, logger } = options
  let found
  try {
    found = await findRunRecords({
      env: io.env,
      namespace: options.namespace,
      allNamespaces: options.allNamespaces,
      signal: io.signal,
      log: (message) => logger.warn(message),
    })
  } catch (error) {
    const problem = `cannot list the run records: ${errorMessage(error)}`
    logger.error(problem)
    return { problem, outcomes: [] }
  }
  if (found.records.length === 0) {
    logger.info(`no run records in ${found.where}: nothing to recover`)
    return { problem: undefined, outcomes: [] }
  }
  logger.info(`${found.records.length} run record(s) in ${found.where}:`)
  const inputs = await readInputs(options)
  if (typeof inputs === 'string') {
    logger.error(inputs)
    return { problem: undefined, usage: inputs, outcomes: [] }
  }
  const outcomes: RecoverJobResult['outcomes'] = []
  for (const record of found.records) {
    const label = `${record.namespace}/${record.name}`
    logger.info(`${label}: ${describeRecord(record)}: ${record.liveness.why}`)
    outcomes.push({ record: label, outcome: await recoverOne(record, inputs, options) })
  }
  return { problem: undefined, outcomes }
}

interface Inputs {
  experiment: Record<string, unknown> | undefined
  overrides: Overrides
}

/** --experiment and the vars, read once for every record; why not, when they cannot be read. */
async function readInputs(options: RecoverJobOptions): Promise<Inputs | string> {
  try {
    return {
      experiment:
        options.experiment === undefined
          ? undefined
          : (
              await loadExperiment(options.experiment, {
                verifyTls: options.verifyTls,
                env: options.io.env,
                ...loaderAuth(options.io.env),
              })
            ).experiment,
      overrides: await loadOverrides(options.varFiles, options.vars),
    }
  } catch (error) {
    return errorMessage(error)
  }
}

async function recoverOne(
  record: FoundRecord,
  inputs: Inputs,
  options: RecoverJobOptions,
): Promise<RecordOutcome> {
  const given = inputs.experiment
  const { logger } = options
  const label = `${record.namespace}/${record.name}`
  if (record.liveness.kind !== 'abandoned') {
    logger.info(`${label}: left alone (not abandoned)`)
    return 'alive'
  }
  const journal = record.journal
  if (typeof journal === 'string') {
    logger.error(`${label}: cannot be played: ${journal}; look at it with kubectl`)
    return 'failed'
  }
  // --experiment stands for the runs of that experiment only; others use the copy their record keeps.
  const recorded = rollbackNames(journal.experiment).join(', ')
  const useGiven = given !== undefined && rollbackNames(given).join(', ') === recorded
  if (given !== undefined && !useGiven)
    logger.info(
      `${label}: its rollbacks (${recorded || 'none'}) are not those of --experiment: played from the experiment its record keeps`,
    )
  const experiment = useGiven ? given : journal.experiment
  const plan = planRecovery(journal, experiment)
  if (plan.kind === 'nothing-pending') return removeStale(record, plan.reason, options)
  const names = plan.replay.map((pending) => pending.name).join(', ')
  if (options.dry) return explain(label, journal, plan.replay, inputs.overrides, options, names, useGiven)
  const journalPath = join(resolve(options.io.cwd, options.journalDir), `${record.name}.json`)
  try {
    await mkdir(resolve(options.io.cwd, options.journalDir), { recursive: true })
    await writeJournal(journalPath, journal)
  } catch (error) {
    logger.error(
      `${label}: cannot write its journal to ${journalPath}: ${errorMessage(error)}; nothing played`,
    )
    return 'failed'
  }
  logger.info(`${label}: playing ${names} (journal: ${journalPath})`)
  const result = await rollbackJob(rollbackOptions(options, journalPath, useGiven))
  switch (result.outcome) {
    case 'usage':
      return 'lacking'
    case 'nothing-pending':
      return removeStale(record, result.message, options)
    case 'not-run':
      return 'failed'
    case 'rolled-back':
      if (result.failed > 0 || !result.journalWritten) return 'failed'
      logger.success(`${label}: every rollback succeeded; the record is deleted`)
      return 'rolled-back'
  }
}

function rollbackOptions(
  options: RecoverJobOptions,
  journalPath: string,
  useGiven: boolean,
): RollbackJobOptions {
  return {
    journalPath,
    experiment: useGiven ? options.experiment : undefined,
    varFiles: options.varFiles,
    vars: options.vars,
    verifyTls: options.verifyTls,
    skipValidation: options.skipValidation,
    rollbackTimeoutSeconds: options.rollbackTimeoutSeconds,
    by: options.by ?? `steadystate recover on ${hostname()}`,
    io: options.io,
    logger: options.logger,
  }
}

/** A record whose rollbacks are not pending (its run ended between two writes): deleted. */
async function removeStale(
  record: FoundRecord,
  why: string,
  options: RecoverJobOptions,
): Promise<RecordOutcome> {
  const label = `${record.namespace}/${record.name}`
  if (options.dry) {
    options.logger.info(`${label}: nothing pending (${why}): would be deleted`)
    return 'stale'
  }
  try {
    await deleteRunRecord(options.io.env, record, options.io.signal)
    options.logger.info(`${label}: nothing pending (${why}): deleted`)
    return 'stale'
  } catch (error) {
    options.logger.error(`${label}: nothing pending, but it could not be deleted: ${errorMessage(error)}`)
    return 'failed'
  }
}

/** `--dry`: what would be played, and what is missing to play it. */
function explain(
  label: string,
  journal: Journal,
  replay: Parameters<typeof redactedValuesNeeded>[1],
  overrides: Overrides,
  options: RecoverJobOptions,
  names: string,
  useGiven: boolean,
): RecordOutcome {
  const needed = useGiven
    ? []
    : redactedValuesNeeded(
        journal.experiment,
        replay,
        resolveInputs(experimentOf(journal.experiment), options.io.env, overrides),
      )
  if (needed.length > 0) {
    options.logger.warn(
      `${label}: would play ${names}, but they need values the record redacted (${needed.join(', ')}): give the experiment with --experiment FILE, or those values with --var-file`,
    )
    return 'lacking'
  }
  options.logger.info(`${label}: would play ${names}`)
  return 'would-play'
}

function describeRecord(record: FoundRecord): string {
  const { facts } = record
  const title = facts.title === undefined ? '' : `, experiment '${facts.title}'`
  return `run ${facts.runId ?? '?'} (${facts.origin ?? 'origin unknown'}), started ${facts.startedAt ?? '?'}${title}`
}
