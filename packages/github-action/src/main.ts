import { error as errorAnnotation, setFailed } from '@actions/core'
import { runJob, VERSION, type Logger, type RunJobResult } from '@steadystate/cli/job'
import { jobShouldFail, notRunJournal, SteadystateError, writeJournal } from '@steadystate/core'
import { runAnnotations } from './annotations.ts'
import { parseInputs, readRawInputs, type ActionInputs } from './inputs.ts'
import { createReportDirectories, engineEnvironment, jobOptions } from './job-options.ts'
import { createActionLogger } from './log.ts'
import { emitAnnotations, setRunOutputs, writeJobSummary } from './publish.ts'
import { trapCancellation } from './signals.ts'
import { savePhase, saveInputs, saveRollbackState } from './state.ts'

/**
 * The action's main step: inputs → one `steadystate run` (secrets masked before the engine logs
 * anything) → outputs, job summary, annotations → `setFailed` by the shared job-outcome policy.
 * `distDirectory` is the bundle's folder, where the report's fonts are.
 */
export async function run(distDirectory: URL): Promise<void> {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
  const parsed = parseInputs(readRawInputs(process.env), workspace)
  if (!parsed.ok) {
    for (const problem of parsed.problems)
      errorAnnotation(`${problem.input}: ${problem.message}`, { title: `Invalid input '${problem.input}'` })
    setFailed(
      `invalid inputs: ${parsed.problems.map((problem) => problem.input).join(', ')}; nothing was run`,
    )
    return
  }
  const inputs = parsed.inputs
  saveInputs(inputs)
  const write = (text: string): void => void process.stdout.write(text)
  const logger = createActionLogger(write, (event) => {
    if (event.type !== 'phase-started') return
    savePhase(event.phase)
    // From here on a killed step may leave a fault injected: the post step then rolls back.
    if (event.phase === 'method') saveRollbackState('pending')
  })
  const cancellation = trapCancellation((message) => logger.warn(message))
  createReportDirectories(inputs)
  let result: RunJobResult
  try {
    result = await runJob(
      jobOptions(
        inputs,
        {
          cwd: inputs.workingDirectory,
          env: engineEnvironment(process.env, inputs),
          stdout: { write, isTTY: false },
          signal: cancellation.signal,
          onForcedExit: cancellation.onForcedExit,
        },
        logger,
        distDirectory,
      ),
    )
    saveRollbackState('done')
  } catch (error) {
    result = await notRun(inputs, error, logger)
  }

  const outcome = jobShouldFail(result.journal, inputs.failOnDeviation)
  setRunOutputs(result)
  emitAnnotations(runAnnotations(result.journal, result.issues, outcome.fail), inputs, workspace)
  try {
    await writeJobSummary(result, inputs, outcome.fail, workspace)
  } catch (error) {
    logger.warn(`the job summary could not be written: ${(error as Error).message}`)
  }
  const verdict = result.journal.steadystate?.verdict.kind ?? result.journal.status
  if (outcome.fail) setFailed(`chaos experiment ${verdict}: ${outcome.reason}`)
}

/**
 * `runJob` throws only when nothing could run: a usage error (an unreadable var file, a malformed
 * var) or a bug. The journal is written all the same, so the artifact step always finds one.
 */
async function notRun(inputs: ActionInputs, error: unknown, logger: Logger): Promise<RunJobResult> {
  const message = error instanceof Error ? error.message : String(error)
  const code = error instanceof SteadystateError ? error.code : 'INTERNAL'
  logger.error(code === 'INTERNAL' ? `internal error, please report it: ${message}` : message)
  const journal = notRunJournal(inputs.experiment, code, message, VERSION)
  await writeJournal(inputs.journalPath, journal)
  return { journal, journalPath: inputs.journalPath, reportPath: undefined, junitPath: undefined, issues: [] }
}
