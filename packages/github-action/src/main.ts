import { error as errorAnnotation, setFailed } from '@actions/core'
import { runJob, type JobIO, type RunJobResult } from '@steadystate/cli'
import { jobShouldFail, errorMessage } from '@steadystate/core'
import { runAnnotations } from './annotations.ts'
import { parseInputs, readRawInputs, type ActionInputs } from './inputs.ts'
import { createReportDirectories, engineEnvironment, jobOptions } from './job-options.ts'
import { createActionLogger } from './log.ts'
import { emitAnnotations, setRunOutputs, writeJobSummary } from './publish.ts'
import { trapCancellation } from './signals.ts'
import { saveInputs } from './state.ts'

/**
 * The action's main step: inputs → one `steadystate run` (secrets masked before the engine logs
 * anything) → outputs, job summary, annotations → `setFailed` by the shared job-outcome policy.
 * Invalid inputs still leave the same `aborted` journal the CLI writes for a wrong flag, and the
 * outputs. `distDirectory` is the bundle's folder, where the report's fonts are.
 */
export async function run(distDirectory: URL): Promise<void> {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
  const parsed = parseInputs(readRawInputs(process.env), workspace)
  const write = (text: string): void => void process.stdout.write(text)
  const logger = createActionLogger(write)
  const io: JobIO = {
    cwd: parsed.ok ? parsed.inputs.workingDirectory : workspace,
    env: parsed.ok ? engineEnvironment(process.env, parsed.inputs) : { ...process.env },
    stdout: { write, isTTY: false },
    signal: new AbortController().signal,
  }
  if (!parsed.ok) {
    for (const problem of parsed.problems)
      errorAnnotation(`${problem.input}: ${problem.message}`, { title: `Invalid input '${problem.input}'` })
    const result = await runJob({
      source: parsed.experiment,
      journalPath: parsed.journalPath,
      varFiles: [],
      vars: [],
      engine: {},
      io,
      logger,
      refusal: `invalid inputs: ${parsed.problems.map((p) => `${p.input}: ${p.message}`).join('; ')}`,
    })
    setRunOutputs(result)
    setFailed(
      `invalid inputs: ${parsed.problems.map((problem) => problem.input).join(', ')}; nothing was run`,
    )
    return
  }
  const inputs = parsed.inputs
  // For the post step: what to roll back if this step is killed before its rollbacks finish.
  saveInputs(inputs)
  const cancellation = trapCancellation((message) => logger.warn(message))
  createReportDirectories(inputs)
  const result = await runJob(
    jobOptions(
      inputs,
      { ...io, signal: cancellation.signal, onForcedExit: cancellation.onForcedExit },
      logger,
      distDirectory,
    ),
  )
  await publish(result, inputs, workspace, logger)
}

async function publish(
  result: RunJobResult,
  inputs: ActionInputs,
  workspace: string,
  logger: ReturnType<typeof createActionLogger>,
): Promise<void> {
  const outcome = jobShouldFail(result.journal, inputs.failOnDeviation)
  const fail = outcome.fail || result.refused !== undefined
  setRunOutputs(result)
  emitAnnotations(runAnnotations(result.journal, result.issues, fail), inputs, workspace)
  try {
    await writeJobSummary(result, inputs, fail, workspace)
  } catch (error) {
    logger.warn(`the job summary could not be written: ${errorMessage(error)}`)
  }
  const verdict = result.journal.steadystate?.verdict.kind ?? result.journal.status
  if (fail) setFailed(`chaos experiment ${verdict}: ${outcome.reason}`)
}
